-- Working-day calendar: years entered from State Council holiday notices (国务院办公厅节假日安排通知)
-- by `gongkai law calendar --import`. An imported year replaces the chinese-days package data for
-- that year and is official. Each import is also written to audit_log (action 'calendar.import').

CREATE TABLE calendar_year (
  year        integer     PRIMARY KEY CHECK (year BETWEEN 2019 AND 2100),
  source      text        NOT NULL CHECK (length(source) > 0),
  official    boolean     NOT NULL DEFAULT true,
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by text        NOT NULL
);

-- One row per holiday day and per make-up working day (调休上班) of an imported year.
-- A notice may name days in the December before its year (元旦), hence day is not tied to year.
CREATE TABLE calendar_day (
  year  integer NOT NULL REFERENCES calendar_year (year) ON DELETE CASCADE,
  day   date    NOT NULL,
  kind  text    NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name  text,
  PRIMARY KEY (year, day)
);
