-- Question 1: the most popular category in each country (by number of posts).
-- One row per country. Ties: the alphabetically first category (byte order). Posts without a country or a category
-- are not counted. pin and geo are joined on ind; each table holds each distinct record once.
WITH counts AS (
    SELECT g.country, p.category, count(*) AS category_count
    FROM pin AS p
    JOIN geo AS g ON g.ind = p.ind
    WHERE g.country IS NOT NULL AND p.category IS NOT NULL
    GROUP BY g.country, p.category
)
SELECT country, category, category_count
FROM counts
QUALIFY row_number() OVER (PARTITION BY country ORDER BY category_count DESC, category) = 1
ORDER BY country;
