"""Every published record in memory: grouped by project, department and SDG goal, with each
project's history, the corrections log, release dates, population and year-on-year changes."""
