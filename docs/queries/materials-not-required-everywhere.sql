-- Materials that only some of the regions implementing an item require:
-- where the lists of one basic item differ, and which regions differ.
WITH regions AS (
  SELECT item_basic_code AS code, count(DISTINCT region) AS n
  FROM materials WHERE item_basic_code IS NOT NULL GROUP BY 1),
required AS (
  SELECT item_basic_code AS code, material_name, count(DISTINCT region) AS k,
         group_concat(DISTINCT region) AS by_regions
  FROM materials WHERE material_name IS NOT NULL GROUP BY 1, 2)
SELECT r.code, r.material_name, r.k || '/' || g.n AS regions_requiring, r.by_regions
FROM required r JOIN regions g USING (code)
WHERE g.n > 1 AND r.k < g.n
ORDER BY 1, 2;
