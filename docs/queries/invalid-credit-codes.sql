-- Bodies whose unified social credit code is invalid (needs --findings).
SELECT DISTINCT f.region, i.body_name, i.body_code
FROM findings f
JOIN items i ON i.source = f.source AND i.row = f.row
WHERE f.rule = 'invalid-credit-code'
ORDER BY 1, 2;
