-- Question 6: how many users joined each year from 2015 to 2020 (the year of date_joined).
-- Counts the rows of user (each distinct user record once), as the course counts rows of df_user.
-- One row per year that has users; years outside 2015-2020 are left out.
SELECT year(date_joined) AS post_year, count(*) AS number_users_joined
FROM "user"
WHERE year(date_joined) BETWEEN 2015 AND 2020
GROUP BY post_year
ORDER BY post_year;
