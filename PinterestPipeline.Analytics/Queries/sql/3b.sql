-- Question 3b: the country of the user with the most followers overall (from the rows question 3a ranks).
-- One row. Ties: the alphabetically first country.
SELECT g.country, p.follower_count
FROM pin AS p
JOIN geo AS g ON g.ind = p.ind
WHERE g.country IS NOT NULL AND p.poster_name IS NOT NULL AND p.follower_count IS NOT NULL
ORDER BY p.follower_count DESC, g.country
LIMIT 1;
