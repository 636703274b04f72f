"""A role's trait profile as a chart: one row of five cells per trait, filled per point, every
mark inside the drawing."""

from __future__ import annotations

from content_engine.content import Content
from roles.trait_chart import SCALE, trait_chart


def test_every_trait_in_quiz_order_with_one_filled_cell_per_point(content: Content):
    for role in content.roles:
        chart = trait_chart(content.quiz.traits, role.traits)
        assert [row.trait.id for row in chart.rows] == [t.id for t in content.quiz.traits]
        for row in chart.rows:
            assert row.weight == role.traits[row.trait.id]
            assert len(row.cells) == SCALE
            assert [cell.filled for cell in row.cells] == [n < row.weight for n in range(SCALE)]


def test_every_mark_sits_inside_the_drawing_and_rows_do_not_overlap(content: Content):
    chart = trait_chart(content.quiz.traits, content.roles[0].traits)
    bottom = -1
    for row in chart.rows:
        assert row.label_y - 14 > bottom, "a trait's name runs into the row above"
        assert row.label_y < row.cell_y < row.value_y
        assert all(cell.x >= 0 and cell.x + chart.cell_width <= row.value_x for cell in row.cells)
        assert row.value_x + 40 <= chart.width  # "5 of 5" at 13 px fits
        bottom = row.cell_y + chart.cell_height
        assert bottom <= chart.height


def test_a_missing_or_out_of_range_weight_is_drawn_within_the_scale(content: Content):
    traits = content.quiz.traits
    chart = trait_chart(traits, {traits[0].id: 9, traits[1].id: -2})
    weights = [row.weight for row in chart.rows]
    assert weights[0] == SCALE and weights[1] == 0 and set(weights[2:]) == {0}
