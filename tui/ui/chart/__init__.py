"""The Chart view and the widgets only it uses: the symptom and dose panels (both on
:class:`~tui.ui.chart.chart_panel.ChartPanel`), the cut table and the calendar heat map.

They live together because they change together: the panels draw the frames the view builds,
and none of them is used anywhere else.
"""
