-- Average departure delay by origin city, flights over 1,000 miles, as hive -f takes it:
-- the tables first (Hive DDL; a relative LOCATION is resolved against the working directory),
-- then one query. Run from the project root:
--   bin/drover sql --sql-file src/sample/sql/delays.sql --overwrite target/sample-sql
CREATE EXTERNAL TABLE flights (
  dep_time    string,   -- '2001-01-01 00:01'
  delay       int,      -- minutes, negative when early
  distance    int,      -- miles
  origin      string,
  destination string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'
LOCATION 'src/sample/sql/flights';

CREATE EXTERNAL TABLE airports (code string, city string, state string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'
LOCATION 'src/sample/sql/airports';

SELECT a.city, count(*) AS flights, round(avg(f.delay), 1) AS avg_delay,
       sum(CASE WHEN f.delay > 15 THEN 1 ELSE 0 END) AS late
FROM flights f JOIN airports a ON f.origin = a.code
WHERE f.distance > 1000
GROUP BY a.city
HAVING count(*) >= 20
ORDER BY avg_delay DESC, a.city
LIMIT 10;
