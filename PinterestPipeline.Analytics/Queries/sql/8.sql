-- Question 8: the median follower count of users by age group and the year they joined, 2015 to 2020.
-- One row per (age group, year) that has posts with a follower_count; ordered by age group, then year.
SELECT age_group(u.age) AS age_group, year(u.date_joined) AS post_year, median(p.follower_count)::DOUBLE AS median_follower_count
FROM pin AS p
JOIN "user" AS u ON u.ind = p.ind
WHERE age_group(u.age) IS NOT NULL AND year(u.date_joined) BETWEEN 2015 AND 2020 AND p.follower_count IS NOT NULL
GROUP BY age_group(u.age), post_year
ORDER BY age_group_order(age_group), post_year;
