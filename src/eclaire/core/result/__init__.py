"""The one reader of a diagnostic result: a typed view, a manager's scope, the headline findings,
number formats and plain words. The web pages, the report and the terminal summary all read a
result through this package, so they show the same things in the same words."""
