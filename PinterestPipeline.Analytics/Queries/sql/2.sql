-- Question 2: the most popular category each year from 2018 to 2022 (the year of the post's geo timestamp).
-- One row per year that has posts; years outside 2018-2022, and posts without a timestamp or a category, are left out.
-- Ties: the alphabetically first category.
WITH counts AS (
    SELECT year(g."timestamp") AS post_year, p.category, count(*) AS category_count
    FROM pin AS p
    JOIN geo AS g ON g.ind = p.ind
    WHERE year(g."timestamp") BETWEEN 2018 AND 2022 AND p.category IS NOT NULL
    GROUP BY post_year, p.category
)
SELECT post_year, category, category_count
FROM counts
QUALIFY row_number() OVER (PARTITION BY post_year ORDER BY category_count DESC, category) = 1
ORDER BY post_year;
