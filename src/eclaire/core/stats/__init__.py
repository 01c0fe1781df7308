"""Statistical primitives of Éclaire: one module per family, pure numpy/pandas/scipy.

- :mod:`~eclaire.core.stats.intervals`: mean and proportion intervals (alone or per group);
- :mod:`~eclaire.core.stats.reliability`: Cronbach's alpha, McDonald's omega;
- :mod:`~eclaire.core.stats.agreement`: r_wg, r_wg(j), ICC(1), ICC(2);
- :mod:`~eclaire.core.stats.comparisons`: Hedges' g, Welch's t, Benjamini–Hochberg;
- :mod:`~eclaire.core.stats.rankings`: Kendall's W, consensus order, tau distance;
- :mod:`~eclaire.core.stats.differences`: wave-to-wave differences with intervals.

Import the functions from their module, e.g. ``from eclaire.core.stats.reliability import
cronbach_alpha``.
"""
