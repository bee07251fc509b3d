//! Field tables for the ABI records, generated with the structs themselves so that they
//! cannot drift: the host's decision trace and the C-header test read them.

/// The C type of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// `uint32_t`.
    U32,
    /// `int32_t`.
    I32,
    /// `uint64_t`.
    U64,
    /// `double`.
    F64,
    /// A nested record (the observation header).
    Header,
}

/// One field of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    /// Field name, the same in Rust and C.
    pub name: &'static str,
    /// Byte offset in the record.
    pub offset: usize,
    /// Type.
    pub kind: FieldKind,
}

/// A field's value, widened.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldValue {
    /// An unsigned or signed integer.
    Int(i64),
    /// A float.
    Float(f64),
}

/// A `#[repr(C)]` record of the ABI.
pub trait Record: Copy {
    /// The C type name (`SgsimCapitalObservation`).
    const C_NAME: &'static str;
    /// Every field, in declaration order.
    const FIELDS: &'static [FieldInfo];
    /// Calls `f` with each scalar field's name and value (the header's fields included).
    fn visit(&self, f: &mut dyn FnMut(&'static str, FieldValue));
}

/// Maps a field type to its [`FieldKind`] and visits its value.
pub trait Field {
    /// Its kind.
    const KIND: FieldKind;
    /// Visits the value (a nested header visits its own fields).
    fn visit_field(&self, name: &'static str, f: &mut dyn FnMut(&'static str, FieldValue));
}

impl Field for u32 {
    const KIND: FieldKind = FieldKind::U32;
    fn visit_field(&self, name: &'static str, f: &mut dyn FnMut(&'static str, FieldValue)) {
        f(name, FieldValue::Int(i64::from(*self)));
    }
}

impl Field for i32 {
    const KIND: FieldKind = FieldKind::I32;
    fn visit_field(&self, name: &'static str, f: &mut dyn FnMut(&'static str, FieldValue)) {
        f(name, FieldValue::Int(i64::from(*self)));
    }
}

impl Field for u64 {
    const KIND: FieldKind = FieldKind::U64;
    fn visit_field(&self, name: &'static str, f: &mut dyn FnMut(&'static str, FieldValue)) {
        // Seeds use all 64 bits; the wrap to i64 is the two's-complement bit pattern.
        f(name, FieldValue::Int(*self as i64));
    }
}

impl Field for f64 {
    const KIND: FieldKind = FieldKind::F64;
    fn visit_field(&self, name: &'static str, f: &mut dyn FnMut(&'static str, FieldValue)) {
        f(name, FieldValue::Float(*self));
    }
}

/// Defines a `#[repr(C)]` record and its [`Record`] implementation.
macro_rules! abi_record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $c_name:literal {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[repr(C)]
        #[derive(Clone, Copy, Debug, Default, PartialEq)]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty ),*
        }

        impl $crate::Record for $name {
            const C_NAME: &'static str = $c_name;
            const FIELDS: &'static [$crate::FieldInfo] = &[
                $( $crate::FieldInfo {
                    name: stringify!($field),
                    offset: core::mem::offset_of!($name, $field),
                    kind: <$ty as $crate::Field>::KIND,
                } ),*
            ];
            fn visit(&self, f: &mut dyn FnMut(&'static str, $crate::FieldValue)) {
                $( $crate::Field::visit_field(&self.$field, stringify!($field), f); )*
            }
        }
    };
}
