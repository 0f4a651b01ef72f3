-- Question 3a: for each country, the user (poster) with the most followers.
-- One row per country. Posts without a country, a poster_name or a follower_count are left out.
-- Ties: the alphabetically first poster_name.
SELECT g.country, p.poster_name, p.follower_count
FROM pin AS p
JOIN geo AS g ON g.ind = p.ind
WHERE g.country IS NOT NULL AND p.poster_name IS NOT NULL AND p.follower_count IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY g.country ORDER BY p.follower_count DESC, p.poster_name) = 1
ORDER BY g.country;
