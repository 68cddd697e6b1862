-- Items whose promised time limit exceeds the statutory one, by region.
SELECT region, name, basic_code, statutory_days, promised_days
FROM items
WHERE CAST(promised_days AS INTEGER) > CAST(statutory_days AS INTEGER)
ORDER BY region, name;
