-- Question 4: the most popular category for each age group (18-24, 25-35, 36-50, +50; the age_group macro).
-- One row per age group that has posts; ages below 18 (or missing) are in no group. Ties: the alphabetically first category.
WITH counts AS (
    SELECT age_group(u.age) AS age_group, p.category, count(*) AS category_count
    FROM pin AS p
    JOIN "user" AS u ON u.ind = p.ind
    WHERE age_group(u.age) IS NOT NULL AND p.category IS NOT NULL
    GROUP BY age_group(u.age), p.category
)
SELECT age_group, category, category_count
FROM counts
QUALIFY row_number() OVER (PARTITION BY age_group ORDER BY category_count DESC, category) = 1
ORDER BY age_group_order(age_group);
