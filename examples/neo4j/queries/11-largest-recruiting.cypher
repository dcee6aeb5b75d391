// The 10 recruiting trials with the largest enrollment.
MATCH (t:Trial {status: 'RECRUITING'})
WHERE t.enrollment IS NOT NULL
RETURN t.key AS trial, t.enrollment AS enrollment
ORDER BY enrollment DESC, trial
LIMIT 10
