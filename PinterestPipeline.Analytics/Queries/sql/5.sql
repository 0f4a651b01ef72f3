-- Question 5: the median follower count for each age group.
-- Exact median (odd count: the middle value; even: the mean of the two middle ones) of the posts' follower_count,
-- nulls left out. One row per age group that has such posts.
SELECT age_group(u.age) AS age_group, median(p.follower_count)::DOUBLE AS median_follower_count
FROM pin AS p
JOIN "user" AS u ON u.ind = p.ind
WHERE age_group(u.age) IS NOT NULL AND p.follower_count IS NOT NULL
GROUP BY age_group(u.age)
ORDER BY age_group_order(age_group);
