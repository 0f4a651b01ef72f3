-- Question 7: the median follower count of users by the year they joined, 2015 to 2020.
-- Exact median of the follower_count of their posts (user joined to pin on ind), nulls left out.
SELECT year(u.date_joined) AS post_year, median(p.follower_count)::DOUBLE AS median_follower_count
FROM pin AS p
JOIN "user" AS u ON u.ind = p.ind
WHERE year(u.date_joined) BETWEEN 2015 AND 2020 AND p.follower_count IS NOT NULL
GROUP BY post_year
ORDER BY post_year;
