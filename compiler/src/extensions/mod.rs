// SPDX-License-Identifier: Apache-2.0
//! The function registry: every scalar, aggregate and window function the
//! extension YAMLs of `extensions/` define, by URN and by name
//! (<https://substrait.io/extensions/>). That folder holds Substrait's standard
//! YAMLs, pinned, and PyRust's own (`functions_spark*.yaml`); the Python
//! analyzer reads the same files. `build.rs` embeds every `*.yaml` of it, and
//! each file's URN is its `urn:` field.
//!
//! Plans point at functions through anchors declared with a URN and a name
//! (plain `add` or compound `add:i64_i64`). The runtime resolves functions by
//! name alone, so the registry answers both "is `add` in this URN" and "which
//! extensions define `add`".

mod signature;

use std::collections::HashMap;
use std::sync::LazyLock;

use substrait::text::simple_extensions::{self as yaml, ArgumentsItem, SimpleExtensions};

pub(crate) use signature::{TypePattern, matches_compound_signature};

// `EXTENSION_YAMLS`: (file name, contents) of every YAML of `extensions/`.
include!(concat!(env!("OUT_DIR"), "/extension_yamls.rs"));

/// The URN prefix of the Substrait specification's own extensions.
pub(crate) const STANDARD_URN_PREFIX: &str = "extension:io.substrait:";

/// Which kind of call a function definition is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FunctionKind {
    Scalar,
    Aggregate,
    Window,
}

impl FunctionKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            FunctionKind::Scalar => "a scalar",
            FunctionKind::Aggregate => "an aggregate",
            FunctionKind::Window => "a window",
        }
    }

    /// The kind as the YAMLs name it (`scalar` of `scalar_functions`).
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            FunctionKind::Scalar => "scalar",
            FunctionKind::Aggregate => "aggregate",
            FunctionKind::Window => "window",
        }
    }
}

/// One parameter of an implementation.
#[derive(Debug, Clone)]
pub(crate) enum Parameter {
    /// A value argument of the given type.
    Value(TypePattern),
    /// An enumeration argument: one of the given options.
    Enumeration(Vec<String>),
    /// A type argument.
    Type,
}

/// One implementation (`impls` item) of a function.
#[derive(Debug, Clone)]
pub(crate) struct Implementation {
    pub(crate) parameters: Vec<Parameter>,
    /// For variadic functions, how often the last parameter may repeat at least.
    pub(crate) variadic_min: Option<usize>,
    /// The declared return type: a pattern, or `None` when it is a type program
    /// (multi-line derivations such as decimal arithmetic).
    pub(crate) return_type: Option<TypePattern>,
    /// Whether the result is nullable exactly when an argument is (the YAML
    /// default, `MIRROR`); other modes declare the output's nullability.
    pub(crate) mirrors_nullability: bool,
}

/// A function of one extension.
#[derive(Debug, Clone)]
pub(crate) struct FunctionDefinition {
    pub(crate) urn: String,
    pub(crate) kind: FunctionKind,
    pub(crate) implementations: Vec<Implementation>,
}

/// Every known function, by URN and by name.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    by_urn: HashMap<String, HashMap<String, Vec<FunctionDefinition>>>,
    by_name: HashMap<String, Vec<FunctionDefinition>>,
}

static REGISTRY: LazyLock<Result<Registry, String>> = LazyLock::new(Registry::load);

/// The registry, or why it failed to load (a bug in one of the YAMLs).
pub(crate) fn registry() -> Result<&'static Registry, &'static str> {
    REGISTRY.as_ref().map_err(String::as_str)
}

impl Registry {
    fn load() -> Result<Registry, String> {
        Registry::from_yamls(EXTENSION_YAMLS)
    }

    /// The registry of these YAMLs, given as (file name, contents).
    fn from_yamls(yamls: &[(&str, &str)]) -> Result<Registry, String> {
        let mut registry = Registry::default();
        for (file_name, contents) in yamls {
            let extension: SimpleExtensions = serde_yaml::from_str(contents)
                .map_err(|error| format!("extensions/{file_name} does not parse: {error}"))?;
            if registry.knows_urn(&extension.urn) {
                return Err(format!(
                    "extensions/{file_name} declares {}, which another file declares too",
                    extension.urn
                ));
            }
            registry.add(&extension.urn, &extension);
        }
        // Sorted by URN, not by file name, for messages that follow the URNs.
        for definitions in registry.by_name.values_mut() {
            definitions.sort_by(|left, right| left.urn.cmp(&right.urn));
        }
        Ok(registry)
    }

    fn add(&mut self, urn: &str, extension: &SimpleExtensions) {
        // The YAML schema gives scalar, aggregate and window functions distinct types
        // with the same fields, so one macro reads all three.
        macro_rules! read_definitions {
            ($functions:expr, $kind:expr) => {
                $functions.iter().map(|function| {
                    let implementations = function
                        .impls
                        .iter()
                        .map(|item| {
                            implementation(
                                item.args.as_ref(),
                                item.variadic.as_ref(),
                                &item.return_.0,
                                item.nullability.as_ref(),
                            )
                        })
                        .collect::<Vec<_>>();
                    (function.name.clone(), $kind, implementations)
                })
            };
        }
        let definitions: Vec<_> =
            read_definitions!(extension.scalar_functions, FunctionKind::Scalar)
                .chain(read_definitions!(
                    extension.aggregate_functions,
                    FunctionKind::Aggregate
                ))
                .chain(read_definitions!(
                    extension.window_functions,
                    FunctionKind::Window
                ))
                .collect();
        let functions = self.by_urn.entry(urn.to_string()).or_default();
        for (name, kind, implementations) in definitions {
            let definition = FunctionDefinition {
                urn: urn.to_string(),
                kind,
                implementations,
            };
            functions
                .entry(name.clone())
                .or_default()
                .push(definition.clone());
            self.by_name.entry(name).or_default().push(definition);
        }
    }

    /// Whether the URN names an extension the registry holds.
    pub(crate) fn knows_urn(&self, urn: &str) -> bool {
        self.by_urn.contains_key(urn)
    }

    /// Every function the registry holds, once per URN, name and kind, sorted.
    pub(crate) fn functions(&self) -> Vec<(&str, &str, FunctionKind)> {
        let mut functions: Vec<(&str, &str, FunctionKind)> = self
            .by_urn
            .iter()
            .flat_map(|(urn, by_name)| {
                by_name.iter().flat_map(move |(name, definitions)| {
                    definitions
                        .iter()
                        .map(move |definition| (urn.as_str(), name.as_str(), definition.kind))
                })
            })
            .collect();
        functions.sort_unstable();
        functions.dedup();
        functions
    }

    /// The definitions of `name` in the extension `urn`.
    pub(crate) fn in_extension(&self, urn: &str, name: &str) -> &[FunctionDefinition] {
        self.by_urn
            .get(urn)
            .and_then(|functions| functions.get(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The definitions of `name` in every extension.
    pub(crate) fn by_name(&self, name: &str) -> &[FunctionDefinition] {
        self.by_name.get(name).map(Vec::as_slice).unwrap_or(&[])
    }
}

fn implementation(
    arguments: Option<&yaml::Arguments>,
    variadic: Option<&yaml::VariadicBehavior>,
    return_type: &yaml::Type,
    nullability: Option<&yaml::NullabilityHandling>,
) -> Implementation {
    let parameters = arguments
        .map(|arguments| {
            arguments
                .0
                .iter()
                .map(|argument| match argument {
                    ArgumentsItem::ValueArg(value) => Parameter::Value(pattern_of(&value.value)),
                    ArgumentsItem::EnumerationArg(enumeration) => {
                        Parameter::Enumeration(enumeration.options.0.clone())
                    }
                    ArgumentsItem::TypeArg(_) => Parameter::Type,
                })
                .collect()
        })
        .unwrap_or_default();
    // The YAML schema types `min` as a number; it counts arguments.
    let variadic_min =
        variadic.map(|behavior| behavior.min.map(|min| min.max(0.0) as usize).unwrap_or(0));
    let return_type = match return_type {
        yaml::Type::String(text) if !text.trim().contains('\n') && !text.contains('=') => {
            Some(TypePattern::parse(text))
        }
        _ => None,
    };
    let mirrors_nullability = matches!(nullability, None | Some(yaml::NullabilityHandling::Mirror));
    Implementation {
        parameters,
        variadic_min,
        return_type,
        mirrors_nullability,
    }
}

fn pattern_of(value: &yaml::Type) -> TypePattern {
    match value {
        yaml::Type::String(text) => TypePattern::parse(text),
        // Structured type objects are rare in the YAMLs; accept any value for them.
        yaml::Type::Object(_) => TypePattern::wildcard(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{EXTENSION_YAMLS, Registry, registry};

    /// Every YAML of `extensions/` is embedded and loaded, under the URN its
    /// `urn:` line declares (read here as text, apart from the YAML parser).
    #[test]
    fn the_registry_holds_every_yaml_of_the_extensions_folder() -> Result<(), String> {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("extensions");
        let mut declared = Vec::new();
        for entry in std::fs::read_dir(&folder).map_err(|error| error.to_string())? {
            let path = entry.map_err(|error| error.to_string())?.path();
            if path
                .extension()
                .is_some_and(|extension| extension == "yaml")
            {
                let text = std::fs::read_to_string(&path).map_err(|error| error.to_string())?;
                let urn = text
                    .lines()
                    .find_map(|line| line.strip_prefix("urn:"))
                    .ok_or_else(|| format!("{} has no urn line", path.display()))?;
                declared.push(urn.trim().to_string());
            }
        }
        declared.sort();
        assert_eq!(EXTENSION_YAMLS.len(), declared.len());

        let registry = registry().map_err(str::to_string)?;
        let mut loaded: Vec<&String> = registry.by_urn.keys().collect();
        loaded.sort();
        assert_eq!(loaded, declared.iter().collect::<Vec<_>>());
        let arithmetic = "extension:io.substrait:functions_arithmetic";
        assert!(!registry.in_extension(arithmetic, "add").is_empty());
        let spark = "extension:dev.pyrust:functions_spark";
        assert!(!registry.in_extension(spark, "modulus").is_empty());
        Ok(())
    }

    #[test]
    fn two_yamls_declaring_one_urn_are_refused() {
        let yaml = "urn: extension:example.com:twice\n";
        let refused = Registry::from_yamls(&[("a.yaml", yaml), ("b.yaml", yaml)]).err();
        assert_eq!(
            refused.as_deref(),
            Some(
                "extensions/b.yaml declares extension:example.com:twice, which another file declares too"
            )
        );
    }
}
