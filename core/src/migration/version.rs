//! DbEngine versions: parse the caller's version strings and reject impossible ones.
//!
//! A version string is read as dot-separated numbers, each part's leading digits only, stopping at
//! the first part without digits: `"8.0.35"` → 8.0.35, `"19c"` → 19, `"10.11.6-MariaDB"` →
//! 10.11.6, `"8.0.mysql_aurora.3.04.0"` → 8.0. Aurora MySQL versions may be given either as the
//! MySQL-compatible version (`"8.0"`) or as Aurora's own major (`"3.04.0"` → 8.0, `"2.11"` → 5.7,
//! `"1.22"` → 5.6).

use super::scenario::DbEngine;

/// A parsed engine version, normalised for comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EngineVersion {
    /// The release line: (5, 7) for MySQL 5.7, (15, 0) for PostgreSQL 15, (9, 6) for PostgreSQL 9.6.
    pub major: (u32, u32),
    /// The minor or patch level within the release line, when the caller gave one.
    pub minor: Option<u32>,
}

impl EngineVersion {
    pub fn label(&self, engine: DbEngine) -> String {
        let major = match engine {
            DbEngine::Postgresql if self.major.0 >= 10 => self.major.0.to_string(),
            DbEngine::Oracle | DbEngine::Sqlserver => self.major.0.to_string(),
            _ => format!("{}.{}", self.major.0, self.major.1),
        };
        match self.minor {
            Some(m) => format!("{major}.{m}"),
            None => major,
        }
    }
}

fn numbers(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let s = s.trim();
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    for part in s.split('.').take(4) {
        let digits: String = part
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .take(9)
            .collect();
        match digits.parse::<u32>() {
            Ok(n) => out.push(n),
            Err(_) => break,
        }
    }
    out
}

/// SQL Server marketing years → internal major versions (10 = 2008 … 17 = 2025).
const SQLSERVER_YEARS: [(u32, u32); 8] = [
    (2008, 10),
    (2012, 11),
    (2014, 12),
    (2016, 13),
    (2017, 14),
    (2019, 15),
    (2022, 16),
    (2025, 17),
];

/// Parse `version` for `engine`. `aurora` = the version names an Aurora cluster (Aurora MySQL's own
/// majors 1–3 are accepted there). Errors are (stable code, message); the caller adds the path.
pub(crate) fn parse(
    engine: DbEngine,
    version: &str,
    aurora: bool,
) -> Result<EngineVersion, (&'static str, String)> {
    parse_inner(engine, version, aurora).map_err(|m| {
        let code = if m.contains("not a version this engine has shipped") {
            "unsupported_version"
        } else {
            "invalid_version"
        };
        (code, m)
    })
}

fn parse_inner(engine: DbEngine, version: &str, aurora: bool) -> Result<EngineVersion, String> {
    let n = numbers(version);
    let (a, b, c) = (n.first().copied(), n.get(1).copied(), n.get(2).copied());
    let Some(a) = a else {
        return Err(format!(
            "cannot read a version number in {version:?} (e.g. \"8.0.35\", \"15.4\")"
        ));
    };
    let unsupported = |range: &str| {
        Err(format!(
            "{} {version:?} is not a version this engine has shipped (known: {range})",
            engine.label()
        ))
    };
    match engine {
        DbEngine::Mysql if aurora && (1..=3).contains(&a) => {
            // Aurora MySQL v1/v2/v3 are MySQL 5.6/5.7/8.0 compatible (AUR Aurora.AuroraMySQL.Compare-v2-v3; AuroraMySQL.Migrating.RDSMySQL.Snapshot: `aurora-mysql` "5.7–compatible or 8.0–compatible").
            let major = match a {
                1 => (5, 6),
                2 => (5, 7),
                _ => (8, 0),
            };
            Ok(EngineVersion { major, minor: None })
        }
        DbEngine::Mysql => {
            if !matches!(a, 5 | 8 | 9) {
                return unsupported("5.0–5.7, 8.0–8.4, 9.x");
            }
            let Some(b) = b else {
                return Err(format!(
                    "give MySQL versions as major.minor, e.g. \"8.0\" (got {version:?})"
                ));
            };
            let ok = matches!((a, b), (5, 0..=7) | (8, 0..=4) | (9, 0..=9));
            if !ok {
                return unsupported("5.0–5.7, 8.0–8.4, 9.x");
            }
            Ok(EngineVersion {
                major: (a, b),
                minor: c,
            })
        }
        DbEngine::Mariadb => {
            if !matches!(a, 5 | 10 | 11) {
                return unsupported("5.5, 10.0–10.11, 11.x");
            }
            let Some(b) = b else {
                return Err(format!(
                    "give MariaDB versions as major.minor, e.g. \"10.11\" (got {version:?})"
                ));
            };
            let ok = matches!((a, b), (5, 5) | (10, 0..=11) | (11, 0..=8));
            if !ok {
                return unsupported("5.5, 10.0–10.11, 11.x");
            }
            Ok(EngineVersion {
                major: (a, b),
                minor: c,
            })
        }
        DbEngine::Postgresql => match a {
            9 => {
                let Some(b) = b.filter(|b| *b <= 6) else {
                    return unsupported("9.0–9.6 (as major.minor), 10–18");
                };
                Ok(EngineVersion {
                    major: (9, b),
                    minor: c,
                })
            }
            10..=18 => Ok(EngineVersion {
                major: (a, 0),
                minor: b,
            }),
            _ => unsupported("9.0–9.6, 10–18"),
        },
        DbEngine::Oracle => match a {
            10..=23 => Ok(EngineVersion {
                major: (a, 0),
                minor: b,
            }),
            _ => unsupported("10g–23ai, i.e. 10–23"),
        },
        DbEngine::Sqlserver => {
            let major = SQLSERVER_YEARS
                .iter()
                .find(|(year, _)| *year == a)
                .map(|(_, m)| *m)
                .or(Some(a).filter(|a| (10..=17).contains(a)));
            match major {
                Some(m) => Ok(EngineVersion {
                    major: (m, 0),
                    minor: None,
                }),
                None => unsupported("2008–2025, or internal majors 10–17"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(e: DbEngine, s: &str) -> Result<EngineVersion, String> {
        parse_inner(e, s, false)
    }

    #[test]
    fn mysql_versions() {
        assert_eq!(
            v(DbEngine::Mysql, "8.0.35"),
            Ok(EngineVersion {
                major: (8, 0),
                minor: Some(35)
            })
        );
        assert_eq!(v(DbEngine::Mysql, "5.7").map(|x| x.major), Ok((5, 7)));
        assert!(v(DbEngine::Mysql, "3.0").is_err());
        assert!(v(DbEngine::Mysql, "99").is_err());
        assert!(v(DbEngine::Mysql, "99.1").is_err());
        assert!(
            v(DbEngine::Mysql, "8").is_err(),
            "major alone is ambiguous for MySQL"
        );
        assert!(v(DbEngine::Mysql, "latest").is_err());
    }

    #[test]
    fn aurora_mysql_majors_map_to_mysql_lines() {
        assert_eq!(
            parse(DbEngine::Mysql, "3.04.0", true).map(|x| x.major),
            Ok((8, 0))
        );
        assert_eq!(
            parse(DbEngine::Mysql, "2.11.2", true).map(|x| x.major),
            Ok((5, 7))
        );
        assert_eq!(
            parse(DbEngine::Mysql, "8.0.mysql_aurora.3.04.0", true).map(|x| x.major),
            Ok((8, 0))
        );
        // Not an Aurora target: "3.0" is MySQL 3.0, which is not supported.
        assert_eq!(
            parse(DbEngine::Mysql, "3.0", false).map_err(|e| e.0),
            Err("unsupported_version")
        );
        assert_eq!(
            parse(DbEngine::Mysql, "x", false).map_err(|e| e.0),
            Err("invalid_version")
        );
    }

    #[test]
    fn postgres_versions() {
        assert_eq!(
            v(DbEngine::Postgresql, "15.4"),
            Ok(EngineVersion {
                major: (15, 0),
                minor: Some(4)
            })
        );
        assert_eq!(
            v(DbEngine::Postgresql, "9.6.24"),
            Ok(EngineVersion {
                major: (9, 6),
                minor: Some(24)
            })
        );
        assert_eq!(v(DbEngine::Postgresql, "16").map(|x| x.minor), Ok(None));
        assert!(v(DbEngine::Postgresql, "9").is_err());
        assert!(v(DbEngine::Postgresql, "7.4").is_err());
        assert!(v(DbEngine::Postgresql, "42").is_err());
    }

    #[test]
    fn other_engines() {
        assert_eq!(v(DbEngine::Oracle, "19c").map(|x| x.major), Ok((19, 0)));
        assert_eq!(v(DbEngine::Sqlserver, "2019").map(|x| x.major), Ok((15, 0)));
        assert_eq!(
            v(DbEngine::Sqlserver, "15.0.4").map(|x| x.major),
            Ok((15, 0))
        );
        assert!(v(DbEngine::Sqlserver, "2003").is_err());
        assert_eq!(
            v(DbEngine::Mariadb, "10.11.6-MariaDB").map(|x| x.major),
            Ok((10, 11))
        );
        assert!(v(DbEngine::Mariadb, "12.0").is_err());
        assert!(v(DbEngine::Oracle, "").is_err());
    }
}
