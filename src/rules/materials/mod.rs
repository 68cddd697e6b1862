//! Rules on an item's materials (申请材料).
pub mod duplicate_material;
pub mod material_missing_name;
pub mod material_orphan;
