//! The dialect layer: what a module's persistence needs from a database, written once.
//!
//! A statement is written once with `?` placeholders; on PostgreSQL they become `$1, $2, …`.
//! A list is one parameter ([`Sql::List`]) written `= ANY(?)`: PostgreSQL binds it as an
//! array, SQLite reads it as a JSON array (`IN (SELECT value FROM json_each(?))`). Values are
//! [`Sql`]; each backend converts them to the type its column declares (an integer or a
//! boolean to PostgreSQL's `boolean` or `bigint`, ISO text to `date` or `timestamptz`), so the
//! same value binds to both schemas, and reads come back as [`Row`]s of [`Sql`].
//!
//! [`Exec`] runs statements inside the append (or rebuild) transaction. Its SQLite half runs
//! synchronously on the writer's thread and returns futures that are already complete: a
//! projection's fold, written once as `async` code over `Exec`, is driven to its end there
//! without a runtime ([`run_sync`]). Reads outside a transaction go through
//! [`Store::query`](crate::Store::query).

use std::future::Future;

use shijian_core::{Code, Error, Result};

/// A value bound to a statement or read from a row.
#[derive(Clone, Debug, PartialEq, PartialOrd)]
pub enum Sql {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
    Bool(bool),
    /// A list, written `= ANY(?)` in a statement.
    List(Vec<Sql>),
}

impl Sql {
    /// The value as shown in a dump: one text per value, the same for equal values.
    pub fn render(&self) -> String {
        match self {
            Sql::Null => "NULL".into(),
            Sql::Int(v) => v.to_string(),
            Sql::Real(v) => v.to_string(),
            Sql::Text(s) => format!("{s:?}"),
            Sql::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
            Sql::Bool(b) => i64::from(*b).to_string(),
            Sql::List(l) => format!("[{}]", l.iter().map(Sql::render).collect::<Vec<_>>().join(",")),
        }
    }
}

macro_rules! from_value {
    ($($t:ty => $f:expr),* $(,)?) => {$(
        impl From<$t> for Sql {
            fn from(v: $t) -> Sql {
                #[allow(clippy::redundant_closure_call)]
                ($f)(v)
            }
        }
    )*};
}

from_value!(
    i64 => Sql::Int,
    i32 => |v: i32| Sql::Int(i64::from(v)),
    u32 => |v: u32| Sql::Int(i64::from(v)),
    u64 => |v: u64| Sql::Int(v as i64),
    bool => Sql::Bool,
    String => Sql::Text,
    &str => |v: &str| Sql::Text(v.to_string()),
    &String => |v: &String| Sql::Text(v.clone()),
    Vec<u8> => Sql::Blob,
);

impl<T: Into<Sql>> From<Option<T>> for Sql {
    fn from(v: Option<T>) -> Sql {
        v.map_or(Sql::Null, Into::into)
    }
}

impl<T: Into<Sql> + Clone> From<&[T]> for Sql {
    fn from(v: &[T]) -> Sql {
        Sql::List(v.iter().cloned().map(Into::into).collect())
    }
}

impl<T: Into<Sql>> From<Vec<T>> for Sql {
    fn from(v: Vec<T>) -> Sql {
        Sql::List(v.into_iter().map(Into::into).collect())
    }
}

/// A statement of a write outside the journal ([`Store::write_all`](crate::Store::write_all)),
/// run once for each of its parameter lists ([`Exec::execute_many`]).
#[derive(Clone, Debug)]
pub(crate) struct Write(pub &'static str, pub Vec<Vec<Sql>>);

impl Write {
    /// A statement run once with `params`.
    pub fn once(sql: &'static str, params: Vec<Sql>) -> Write {
        Write(sql, vec![params])
    }

    /// Runs the statement; the rows changed.
    pub async fn run<E: Exec>(&self, e: &E) -> Result<u64> {
        e.execute_many(self.0, &self.1).await
    }
}

/// Parameters from a list of values of different types.
macro_rules! sql_params {
    ($($v:expr),* $(,)?) => { vec![$($crate::dialect::Sql::from($v)),*] };
}
pub(crate) use sql_params as params;

/// What a streamed read calls with each row.
pub type RowSink = Box<dyn FnMut(&Row) -> Result<()> + Send>;

/// A row read: its values in the order of the statement's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Row(pub Vec<Sql>);

fn bad_column(i: usize, want: &str, got: &Sql) -> Error {
    Error::new(Code::DbIntegrity).with("reason", format!("column {i}: expected {want}, found {got:?}"))
}

impl Row {
    fn at(&self, i: usize) -> Result<&Sql> {
        self.0.get(i).ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", format!("no column {i}")))
    }

    pub fn text(&self, i: usize) -> Result<String> {
        match self.at(i)? {
            Sql::Text(s) => Ok(s.clone()),
            other => Err(bad_column(i, "text", other)),
        }
    }

    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.at(i)? {
            Sql::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }

    pub fn int(&self, i: usize) -> Result<i64> {
        match self.at(i)? {
            Sql::Int(v) => Ok(*v),
            Sql::Bool(b) => Ok(i64::from(*b)),
            other => Err(bad_column(i, "integer", other)),
        }
    }

    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self.at(i)? {
            Sql::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    pub fn blob(&self, i: usize) -> Result<Vec<u8>> {
        match self.at(i)? {
            Sql::Blob(b) => Ok(b.clone()),
            other => Err(bad_column(i, "bytes", other)),
        }
    }

    /// A boolean stored as a boolean or as 0/1.
    pub fn bool(&self, i: usize) -> Result<bool> {
        Ok(self.int(i)? != 0)
    }

    pub fn opt_bool(&self, i: usize) -> Result<Option<bool>> {
        Ok(self.opt_int(i)?.map(|v| v != 0))
    }
}

/// How a statement is written for SQLite: lists read from a JSON array.
pub(crate) fn sqlite_sql(sql: &str) -> std::borrow::Cow<'_, str> {
    if sql.contains("= ANY(?)") {
        sql.replace("= ANY(?)", "IN (SELECT value FROM json_each(?))").into()
    } else {
        sql.into()
    }
}

/// How a statement is written for PostgreSQL: numbered placeholders.
pub(crate) fn pg_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// How a statement over rows ([`Exec::execute_rows`]) is written for SQLite: `SELECT * FROM
/// UNNEST(?::type[], …) WHERE true` becomes one row of plain parameters, `VALUES (?, …)`, run
/// once per row (SQLite has no arrays; a cached statement per row is its fast path anyway).
///
/// It must be `VALUES`, not `SELECT ?, …`: SQLite treats an `INSERT … SELECT` as a statement
/// that may write many rows and keeps a statement journal for it, copying every page it
/// touches (it made the synthetic province's build 14 % slower).
pub(crate) fn sqlite_rows_sql(sql: &str) -> Result<String> {
    const HEAD: &str = "SELECT * FROM UNNEST(";
    const TAIL: &str = " WHERE true";
    let bad = || {
        Error::new(Code::Internal).with("reason", "a statement over rows is not … SELECT * FROM UNNEST(…) WHERE true …")
    };
    let start = sql.find(HEAD).ok_or_else(bad)?;
    let len = sql[start..].find(')').ok_or_else(bad)?;
    let rest = sql[start + len + 1..].strip_prefix(TAIL).ok_or_else(bad)?;
    let n = sql[start..start + len].matches('?').count();
    Ok(format!("{}VALUES ({}){}", &sql[..start], vec!["?"; n].join(", "), rest))
}

/// Runs a future that cannot wait (one over the SQLite [`Exec`], whose futures are complete
/// when returned) to its end on the calling thread.
pub(crate) fn run_sync<T>(f: impl Future<Output = Result<T>>) -> Result<T> {
    use futures_util::FutureExt;
    std::pin::pin!(f)
        .now_or_never()
        .unwrap_or_else(|| Err(Error::new(Code::Internal).with("reason", "a synchronous fold waited on the database")))
}

/// Statements inside the append (or rebuild) transaction. `execute` returns the rows
/// changed; `insert_new` returns `false`, changing nothing, when the row's key is taken (a
/// unique constraint), so the caller can name the refusal in the domain's words.
pub(crate) trait Exec {
    fn query(&self, sql: &str, params: Vec<Sql>) -> impl Future<Output = Result<Vec<Row>>> + Send;
    fn execute(&self, sql: &str, params: Vec<Sql>) -> impl Future<Output = Result<u64>> + Send;
    /// One statement for each parameter list (pipelined on PostgreSQL); the rows changed in all.
    fn execute_many(&self, sql: &str, rows: &[Vec<Sql>]) -> impl Future<Output = Result<u64>> + Send;
    fn insert_new(&self, sql: &str, params: Vec<Sql>) -> impl Future<Output = Result<bool>> + Send;
    /// One statement over many rows, written `… SELECT * FROM UNNEST(?::text[], ?::bigint[], …)
    /// WHERE true …` with one placeholder per column: PostgreSQL binds each column as an
    /// array and runs it once; SQLite runs it once per row as `VALUES (?, …)`
    /// ([`sqlite_rows_sql`], which expects exactly this shape, `WHERE true` included).
    fn execute_rows(&self, sql: &str, rows: &[Vec<Sql>]) -> impl Future<Output = Result<u64>> + Send;
}

/// The columns of `rows` (each row as long as the first), as lists.
fn columns_of(rows: &[Vec<Sql>]) -> Vec<Sql> {
    let width = rows.first().map_or(0, Vec::len);
    (0..width).map(|i| Sql::List(rows.iter().map(|r| r.get(i).cloned().unwrap_or(Sql::Null)).collect())).collect()
}

// ----- SQLite -----

impl rusqlite::ToSql for Sql {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match self {
            Sql::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Sql::Int(v) => ToSqlOutput::Owned(Value::Integer(*v)),
            Sql::Real(v) => ToSqlOutput::Owned(Value::Real(*v)),
            Sql::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Sql::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
            Sql::Bool(b) => ToSqlOutput::Owned(Value::Integer(i64::from(*b))),
            Sql::List(l) => {
                let json: Vec<serde_json::Value> = l
                    .iter()
                    .map(|v| match v {
                        Sql::Int(i) => serde_json::Value::from(*i),
                        Sql::Bool(b) => serde_json::Value::from(i64::from(*b)),
                        Sql::Real(r) => serde_json::Value::from(*r),
                        Sql::Text(s) => serde_json::Value::from(s.as_str()),
                        _ => serde_json::Value::Null,
                    })
                    .collect();
                ToSqlOutput::Owned(Value::Text(serde_json::Value::Array(json).to_string()))
            }
        })
    }
}

/// A SQLite row as values.
pub(crate) fn sqlite_row(r: &rusqlite::Row<'_>, n: usize) -> rusqlite::Result<Row> {
    use rusqlite::types::ValueRef;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(match r.get_ref(i)? {
            ValueRef::Null => Sql::Null,
            ValueRef::Integer(v) => Sql::Int(v),
            ValueRef::Real(v) => Sql::Real(v),
            // Text is UTF-8 as written; the lossy reading is only for a damaged file.
            ValueRef::Text(t) => Sql::Text(match std::str::from_utf8(t) {
                Ok(s) => s.to_owned(),
                Err(_) => String::from_utf8_lossy(t).into_owned(),
            }),
            ValueRef::Blob(b) => Sql::Blob(b.to_vec()),
        });
    }
    Ok(Row(out))
}

/// Runs a query on a SQLite connection (a cached statement).
pub(crate) fn sqlite_query(conn: &rusqlite::Connection, sql: &str, params: &[Sql]) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&sqlite_sql(sql)).map_err(crate::db_err)?;
    let n = stmt.column_count();
    let rows =
        stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| sqlite_row(r, n)).map_err(crate::db_err)?;
    rows.map(|r| r.map_err(crate::db_err)).collect()
}

/// The writer's connection inside a transaction.
pub(crate) struct SqliteExec<'a>(pub &'a rusqlite::Connection);

impl SqliteExec<'_> {
    fn execute_sync(&self, sql: &str, params: &[Sql]) -> Result<usize> {
        let mut stmt = self.0.prepare_cached(&sqlite_sql(sql)).map_err(crate::db_err)?;
        stmt.execute(rusqlite::params_from_iter(params.iter())).map_err(crate::db_err)
    }
}

impl Exec for SqliteExec<'_> {
    fn query(&self, sql: &str, params: Vec<Sql>) -> impl Future<Output = Result<Vec<Row>>> + Send {
        std::future::ready(sqlite_query(self.0, sql, &params))
    }

    fn execute(&self, sql: &str, params: Vec<Sql>) -> impl Future<Output = Result<u64>> + Send {
        std::future::ready(self.execute_sync(sql, &params).map(|n| n as u64))
    }

    fn execute_many(&self, sql: &str, rows: &[Vec<Sql>]) -> impl Future<Output = Result<u64>> + Send {
        let run = || -> Result<u64> {
            if rows.is_empty() {
                return Ok(0);
            }
            let mut stmt = self.0.prepare_cached(&sqlite_sql(sql)).map_err(crate::db_err)?;
            let mut n = 0;
            for params in rows {
                n += stmt.execute(rusqlite::params_from_iter(params.iter())).map_err(crate::db_err)? as u64;
            }
            Ok(n)
        };
        std::future::ready(run())
    }

    fn insert_new(&self, sql: &str, params: Vec<Sql>) -> impl Future<Output = Result<bool>> + Send {
        let run = || -> Result<bool> {
            let mut stmt = self.0.prepare_cached(&sqlite_sql(sql)).map_err(crate::db_err)?;
            match stmt.execute(rusqlite::params_from_iter(params.iter())) {
                Ok(_) => Ok(true),
                Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                    Ok(false)
                }
                Err(e) => Err(crate::db_err(e)),
            }
        };
        std::future::ready(run())
    }

    fn execute_rows(&self, sql: &str, rows: &[Vec<Sql>]) -> impl Future<Output = Result<u64>> + Send {
        let run = || -> Result<u64> {
            if rows.is_empty() {
                return Ok(0);
            }
            let sql = sqlite_rows_sql(sql)?;
            let mut stmt = self.0.prepare_cached(&sql).map_err(crate::db_err)?;
            let mut n = 0;
            for params in rows {
                n += stmt.execute(rusqlite::params_from_iter(params.iter())).map_err(crate::db_err)? as u64;
            }
            Ok(n)
        };
        std::future::ready(run())
    }
}

// ----- PostgreSQL -----

type PgParam = Box<dyn tokio_postgres::types::ToSql + Sync + Send>;

fn pg_type_err(ty: &tokio_postgres::types::Type, v: &Sql) -> Error {
    Error::new(Code::DbQuery).with("reason", format!("cannot bind {v:?} as {ty}"))
}

/// A value converted to the Rust type PostgreSQL's declared parameter type takes.
fn pg_param(ty: &tokio_postgres::types::Type, v: &Sql) -> Result<PgParam> {
    use tokio_postgres::types::Type;
    let int = |v: &Sql| match v {
        Sql::Int(i) => Some(*i),
        Sql::Bool(b) => Some(i64::from(*b)),
        _ => None,
    };
    if let Sql::Null = v {
        return Ok(match *ty {
            Type::INT8 => Box::new(None::<i64>),
            Type::INT4 => Box::new(None::<i32>),
            Type::INT2 => Box::new(None::<i16>),
            Type::BOOL => Box::new(None::<bool>),
            Type::FLOAT8 => Box::new(None::<f64>),
            Type::BYTEA => Box::new(None::<Vec<u8>>),
            Type::DATE => Box::new(None::<chrono::NaiveDate>),
            Type::TIMESTAMPTZ => Box::new(None::<chrono::DateTime<chrono::Utc>>),
            _ => Box::new(None::<String>),
        });
    }
    let bad = || pg_type_err(ty, v);
    Ok(match *ty {
        Type::INT8 => Box::new(int(v).ok_or_else(bad)?),
        Type::INT4 => Box::new(i32::try_from(int(v).ok_or_else(bad)?).map_err(|_| bad())?),
        Type::INT2 => Box::new(i16::try_from(int(v).ok_or_else(bad)?).map_err(|_| bad())?),
        Type::BOOL => Box::new(int(v).ok_or_else(bad)? != 0),
        Type::FLOAT8 => match v {
            Sql::Real(r) => Box::new(*r),
            _ => Box::new(int(v).ok_or_else(bad)? as f64),
        },
        Type::BYTEA => match v {
            Sql::Blob(b) => Box::new(b.clone()),
            _ => return Err(bad()),
        },
        Type::DATE => match v {
            Sql::Text(s) => Box::new(shijian_core::parse_date(s).map_err(|_| bad())?),
            _ => return Err(bad()),
        },
        Type::TIMESTAMPTZ => match v {
            Sql::Text(s) => {
                Box::new(chrono::DateTime::parse_from_rfc3339(s).map_err(|_| bad())?.with_timezone(&chrono::Utc))
            }
            _ => return Err(bad()),
        },
        Type::TEXT_ARRAY | Type::VARCHAR_ARRAY => match v {
            Sql::List(l) => Box::new(
                l.iter()
                    .map(|x| match x {
                        Sql::Text(s) => Ok(Some(s.clone())),
                        Sql::Null => Ok(None),
                        _ => Err(bad()),
                    })
                    .collect::<Result<Vec<Option<String>>>>()?,
            ),
            _ => return Err(bad()),
        },
        Type::INT8_ARRAY => match v {
            Sql::List(l) => Box::new(
                l.iter()
                    .map(|x| if *x == Sql::Null { Ok(None) } else { int(x).map(Some).ok_or_else(bad) })
                    .collect::<Result<Vec<Option<i64>>>>()?,
            ),
            _ => return Err(bad()),
        },
        Type::BOOL_ARRAY => match v {
            Sql::List(l) => Box::new(
                l.iter()
                    .map(|x| if *x == Sql::Null { Ok(None) } else { int(x).map(|i| Some(i != 0)).ok_or_else(bad) })
                    .collect::<Result<Vec<Option<bool>>>>()?,
            ),
            _ => return Err(bad()),
        },
        _ => match v {
            Sql::Text(s) => Box::new(s.clone()),
            _ => return Err(bad()),
        },
    })
}

fn pg_params(stmt: &tokio_postgres::Statement, params: &[Sql]) -> Result<Vec<PgParam>> {
    if stmt.params().len() != params.len() {
        return Err(Error::new(Code::DbQuery)
            .with("reason", format!("{} parameters for {} placeholders", params.len(), stmt.params().len())));
    }
    stmt.params().iter().zip(params).map(|(ty, v)| pg_param(ty, v)).collect()
}

fn pg_refs(params: &[PgParam]) -> Vec<&(dyn tokio_postgres::types::ToSql + Sync)> {
    params.iter().map(|p| &**p as &(dyn tokio_postgres::types::ToSql + Sync)).collect()
}

/// A value of any type in its binary form.
struct Raw(Vec<u8>);

impl<'a> tokio_postgres::types::FromSql<'a> for Raw {
    fn from_sql(
        _: &tokio_postgres::types::Type,
        raw: &'a [u8],
    ) -> std::result::Result<Raw, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Raw(raw.to_vec()))
    }

    fn accepts(_: &tokio_postgres::types::Type) -> bool {
        true
    }
}

/// A PostgreSQL row as values.
pub(crate) fn pg_row(r: &tokio_postgres::Row) -> Result<Row> {
    use tokio_postgres::types::Type;
    let mut out = Vec::with_capacity(r.len());
    for (i, c) in r.columns().iter().enumerate() {
        let e = |e: tokio_postgres::Error| Error::new(Code::DbIntegrity).with("reason", e);
        let v = match *c.type_() {
            Type::INT8 => r.try_get::<_, Option<i64>>(i).map_err(e)?.map(Sql::Int),
            Type::INT4 => r.try_get::<_, Option<i32>>(i).map_err(e)?.map(|v| Sql::Int(i64::from(v))),
            Type::INT2 => r.try_get::<_, Option<i16>>(i).map_err(e)?.map(|v| Sql::Int(i64::from(v))),
            Type::BOOL => r.try_get::<_, Option<bool>>(i).map_err(e)?.map(Sql::Bool),
            Type::FLOAT8 => r.try_get::<_, Option<f64>>(i).map_err(e)?.map(Sql::Real),
            Type::FLOAT4 => r.try_get::<_, Option<f32>>(i).map_err(e)?.map(|v| Sql::Real(f64::from(v))),
            Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i).map_err(e)?.map(Sql::Blob),
            Type::DATE => r.try_get::<_, Option<chrono::NaiveDate>>(i).map_err(e)?.map(|d| Sql::Text(d.to_string())),
            Type::TIMESTAMPTZ => {
                r.try_get::<_, Option<chrono::DateTime<chrono::Utc>>>(i).map_err(e)?.map(|d| Sql::Text(d.to_rfc3339()))
            }
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
                r.try_get::<_, Option<String>>(i).map_err(e)?.map(Sql::Text)
            }
            // Any other type (a tsvector) as its binary form, equal for equal values.
            _ => r.try_get::<_, Option<Raw>>(i).map_err(e)?.map(|v| Sql::Blob(v.0)),
        };
        out.push(v.unwrap_or(Sql::Null));
    }
    Ok(Row(out))
}

/// Runs a query on a PostgreSQL client (a cached statement).
pub(crate) async fn pg_query(c: &deadpool_postgres::ClientWrapper, sql: &str, params: &[Sql]) -> Result<Vec<Row>> {
    let stmt = c.prepare_cached(&pg_sql(sql)).await.map_err(crate::postgres::pg_err)?;
    let bound = pg_params(&stmt, params)?;
    let rows = c.query(&stmt, &pg_refs(&bound)).await.map_err(crate::postgres::pg_err)?;
    rows.iter().map(pg_row).collect()
}

/// Runs a query on a PostgreSQL client, calling `each` with every row as it arrives.
pub(crate) async fn pg_stream(
    c: &deadpool_postgres::ClientWrapper,
    sql: &str,
    params: &[Sql],
    mut each: RowSink,
) -> Result<()> {
    use futures_util::TryStreamExt;
    let stmt = c.prepare_cached(&pg_sql(sql)).await.map_err(crate::postgres::pg_err)?;
    let bound = pg_params(&stmt, params)?;
    let rows = c.query_raw(&stmt, pg_refs(&bound)).await.map_err(crate::postgres::pg_err)?;
    futures_util::pin_mut!(rows);
    while let Some(r) = rows.try_next().await.map_err(crate::postgres::pg_err)? {
        each(&pg_row(&r)?)?;
    }
    Ok(())
}

/// The append's (or rebuild's) transaction.
pub(crate) struct PgExec<'a, 'b>(pub &'a deadpool_postgres::Transaction<'b>);

impl Exec for PgExec<'_, '_> {
    async fn query(&self, sql: &str, params: Vec<Sql>) -> Result<Vec<Row>> {
        {
            let stmt = self.0.prepare_cached(&pg_sql(sql)).await.map_err(crate::postgres::pg_err)?;
            let bound = pg_params(&stmt, &params)?;
            let rows = self.0.query(&stmt, &pg_refs(&bound)).await.map_err(crate::postgres::pg_err)?;
            rows.iter().map(pg_row).collect()
        }
    }

    async fn execute(&self, sql: &str, params: Vec<Sql>) -> Result<u64> {
        {
            let stmt = self.0.prepare_cached(&pg_sql(sql)).await.map_err(crate::postgres::pg_err)?;
            let bound = pg_params(&stmt, &params)?;
            self.0.execute(&stmt, &pg_refs(&bound)).await.map_err(crate::postgres::pg_err)
        }
    }

    async fn execute_many(&self, sql: &str, rows: &[Vec<Sql>]) -> Result<u64> {
        {
            if rows.is_empty() {
                return Ok(0);
            }
            let stmt = self.0.prepare_cached(&pg_sql(sql)).await.map_err(crate::postgres::pg_err)?;
            let bound = rows.iter().map(|p| pg_params(&stmt, p)).collect::<Result<Vec<_>>>()?;
            // Sent together: the statements are pipelined on the connection and run in order.
            let runs = bound.iter().map(|b| {
                let stmt = &stmt;
                async move { self.0.execute(stmt, &pg_refs(b)).await }
            });
            let changed = futures_util::future::try_join_all(runs).await.map_err(crate::postgres::pg_err)?;
            Ok(changed.iter().sum())
        }
    }

    async fn execute_rows(&self, sql: &str, rows: &[Vec<Sql>]) -> Result<u64> {
        if rows.is_empty() {
            return Ok(0);
        }
        self.execute(sql, columns_of(rows)).await
    }

    async fn insert_new(&self, sql: &str, params: Vec<Sql>) -> Result<bool> {
        {
            let stmt = self.0.prepare_cached(&pg_sql(sql)).await.map_err(crate::postgres::pg_err)?;
            let bound = pg_params(&stmt, &params)?;
            match self.0.execute(&stmt, &pg_refs(&bound)).await {
                Ok(_) => Ok(true),
                Err(e) if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) => Ok(false),
                Err(e) => Err(crate::postgres::pg_err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres_and_lists_read_from_json_on_sqlite() {
        assert_eq!(
            pg_sql("SELECT a FROM t WHERE b = ? AND c = ANY(?)"),
            "SELECT a FROM t WHERE b = $1 AND c = ANY($2)"
        );
        assert_eq!(
            sqlite_sql("SELECT a FROM t WHERE c = ANY(?)"),
            "SELECT a FROM t WHERE c IN (SELECT value FROM json_each(?))"
        );
        assert_eq!(
            sqlite_rows_sql("INSERT INTO t (a, b) SELECT * FROM UNNEST(?::text[], ?::bool[]) WHERE true").unwrap(),
            "INSERT INTO t (a, b) VALUES (?, ?)"
        );
        assert_eq!(
            sqlite_rows_sql(
                "INSERT INTO t (a) SELECT * FROM UNNEST(?::text[]) WHERE true\n ON CONFLICT (a) DO NOTHING"
            )
            .unwrap(),
            "INSERT INTO t (a) VALUES (?)\n ON CONFLICT (a) DO NOTHING"
        );
        assert!(sqlite_rows_sql("INSERT INTO t (a) SELECT * FROM UNNEST(?::text[])").is_err());
        assert!(sqlite_rows_sql("INSERT INTO t (a) VALUES (?)").is_err());
        assert_eq!(
            columns_of(&[params!["a", true], params![Option::<String>::None, false]]),
            [Sql::List(params!["a", Option::<String>::None]), Sql::List(params![true, false])]
        );
    }
}
