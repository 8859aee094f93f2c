-- Public forms that create work or send mail (an application, a subscription) are limited per client
-- address and window, across every app process. Counters only: UNLOGGED (a crash may forget them).
CREATE UNLOGGED TABLE rate_limits (
  key          text NOT NULL,
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
