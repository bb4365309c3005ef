//! The draw: sampling the target pool and assigning inspectors, both functions of the seed and
//! the pool alone, so anyone holding them gets the same outcome.
//!
//! **Sampling.** Every target gets a key, the first 8 bytes (big-endian) of
//! `SHA-256(seed ‖ target id)`. In each stratum (credit class) the `quota` targets with the
//! smallest keys are drawn, `quota = ⌈count × ratio / 10,000⌉` ([`Ratios::quota`]): a uniform
//! sample without replacement inside the stratum, whose size the class's ratio sets. Equal
//! keys (never seen at 64 bits) fall back to the byte order of the ids. The tasks are ranked by
//! key across strata.
//!
//! **Assignment**, in rank order, for each target:
//! - eligible inspectors: in a required department (the plan's items' departments), available,
//!   from an office whose jurisdiction covers the target's registering office or from the same
//!   prefecture-level unit; not excluded for the target (declared conflict, checked it within
//!   the recent period); not from the target's own registering office when the plan forbids it;
//! - the team: first the best eligible inspector holding an enforcement certificate; then, for
//!   each required department not yet on the team (in byte order of its name), its best; then
//!   the best of any required department until the team has `team_size` members;
//! - "best" is the fewest tasks so far in this draw, ties broken by the inspector's key,
//!   `SHA-256(seed ‖ "inspector\n" ‖ pseudonym)` (first 8 bytes, big-endian), then pseudonym;
//! - a target for which a step finds nobody is drawn but unassigned, with the reason.
//!
//! The outcome's canonical text (its SHA-256 is in `inspection.draw_made`):
//!
//! ```text
//! shijian-draw-outcome v1
//! plan <plan id>
//! seed <hex>
//! tasks <n>
//! <rank> TAB <target id> TAB <pseudonyms, comma-separated>        (assigned)
//! <rank> TAB <target id> TAB - TAB <reason>                       (unassigned)
//! ```

use std::cmp::Ordering;
use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::hex;
use super::plan::{Ratios, Stratum};
use super::pool::Pool;
use crate::division::{DivisionCode, Tier};

/// A target drawn: its index in the pool and its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drawn {
    pub target: u32,
    pub key: u64,
}

/// The key of a target.
pub fn target_key(seed: &[u8; 32], id: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(seed);
    h.update(id.as_bytes());
    let d = h.finalize();
    u64::from_be_bytes(d[..8].try_into().expect("8 bytes"))
}

/// The key of an inspector (the tie-break of equal loads).
pub fn inspector_key(seed: &[u8; 32], pseudonym: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(seed);
    h.update(b"inspector\n");
    h.update(pseudonym.as_bytes());
    let d = h.finalize();
    u64::from_be_bytes(d[..8].try_into().expect("8 bytes"))
}

/// The keys of every target, computed on all cores.
fn keys(pool: &Pool, seed: &[u8; 32]) -> Vec<u64> {
    let n = pool.targets.len();
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get()).clamp(1, 16);
    if n < 50_000 || threads == 1 {
        return pool.targets.iter().map(|t| target_key(seed, &t.id)).collect();
    }
    let mut out = vec![0u64; n];
    let chunk = n.div_ceil(threads);
    std::thread::scope(|s| {
        for (slot, targets) in out.chunks_mut(chunk).zip(pool.targets.chunks(chunk)) {
            s.spawn(move || {
                for (k, t) in slot.iter_mut().zip(targets) {
                    *k = target_key(seed, &t.id);
                }
            });
        }
    });
    out
}

/// Draws the targets: per stratum the `quota` smallest keys; ranked by key.
pub fn sample(pool: &Pool, ratios: &Ratios, seed: &[u8; 32]) -> Vec<Drawn> {
    let keys = keys(pool, seed);
    let order = |a: &Drawn, b: &Drawn| -> Ordering {
        a.key.cmp(&b.key).then_with(|| {
            pool.targets[a.target as usize].id.as_bytes().cmp(pool.targets[b.target as usize].id.as_bytes())
        })
    };
    let mut strata: [Vec<Drawn>; 5] = Default::default();
    for (i, (t, k)) in pool.targets.iter().zip(&keys).enumerate() {
        strata[t.stratum.index()].push(Drawn { target: i as u32, key: *k });
    }
    let mut out = Vec::new();
    for s in Stratum::ALL {
        let v = &mut strata[s.index()];
        let quota = Ratios::quota(ratios.of(s), v.len() as u64) as usize;
        if quota == 0 {
            continue;
        }
        if quota < v.len() {
            v.select_nth_unstable_by(quota - 1, order);
            v.truncate(quota);
        }
        out.append(v);
    }
    out.sort_unstable_by(order);
    out
}

/// What assignment needs of the plan.
#[derive(Clone, Debug)]
pub struct AssignRules<'a> {
    pub team_size: u8,
    /// The required departments, sorted.
    pub departments: &'a [String],
    pub forbid_own_office: bool,
}

/// One target's team, or why it has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assignment {
    /// Indices into the pool's inspectors, in the order picked.
    Team(Vec<u32>),
    Unassigned(&'static str),
}

/// The prefecture-level unit of an office (the province for the province itself).
fn prefecture(code: DivisionCode) -> DivisionCode {
    code.chain().into_iter().find(|d| d.tier() != Tier::County).unwrap_or(code)
}

/// Assigns inspectors to the drawn targets, in rank order (see the module documentation).
pub fn assign(pool: &Pool, drawn: &[Drawn], seed: &[u8; 32], rules: &AssignRules<'_>) -> Vec<Assignment> {
    let inspectors = &pool.inspectors;
    let ikey: Vec<u64> = inspectors.iter().map(|i| inspector_key(seed, &i.pseudonym)).collect();
    let dept: Vec<Option<usize>> =
        inspectors.iter().map(|i| rules.departments.iter().position(|d| *d == i.department)).collect();
    let mut load = vec![0u32; inspectors.len()];
    // Eligible by place, once per registering office.
    let mut by_office: HashMap<DivisionCode, Vec<u32>> = HashMap::new();
    let mut out = Vec::with_capacity(drawn.len());
    for d in drawn {
        let target = &pool.targets[d.target as usize];
        let near = by_office.entry(target.office).or_insert_with(|| {
            let area = prefecture(target.office);
            (0..inspectors.len() as u32)
                .filter(|&i| {
                    let o = inspectors[i as usize].office;
                    dept[i as usize].is_some() && (o.contains(target.office) || prefecture(o) == area)
                })
                .collect()
        });
        let ok = |i: u32, team: &[u32]| {
            let insp = &inspectors[i as usize];
            let own = rules.forbid_own_office && insp.office == target.office;
            !own && !team.contains(&i)
                && insp.excluded.binary_search_by(|x| x.as_bytes().cmp(target.id.as_bytes())).is_err()
        };
        let best = |team: &[u32], load: &[u32], want: &dyn Fn(u32) -> bool| -> Option<u32> {
            near.iter().copied().filter(|&i| want(i) && ok(i, team)).min_by(|&a, &b| {
                (load[a as usize], ikey[a as usize]).cmp(&(load[b as usize], ikey[b as usize])).then_with(|| {
                    inspectors[a as usize].pseudonym.as_bytes().cmp(inspectors[b as usize].pseudonym.as_bytes())
                })
            })
        };
        let mut team: Vec<u32> = Vec::with_capacity(rules.team_size as usize);
        let result = (|| {
            let first = best(&team, &load, &|i| inspectors[i as usize].certified).ok_or("no_certified_inspector")?;
            team.push(first);
            for (k, _) in rules.departments.iter().enumerate() {
                if team.iter().any(|&i| dept[i as usize] == Some(k)) {
                    continue;
                }
                let pick =
                    best(&team, &load, &|i| dept[i as usize] == Some(k)).ok_or("department_without_inspector")?;
                team.push(pick);
            }
            while team.len() < rules.team_size as usize {
                let pick = best(&team, &load, &|_| true).ok_or("too_few_inspectors")?;
                team.push(pick);
            }
            Ok::<(), &'static str>(())
        })();
        match result {
            Ok(()) => {
                for &i in &team {
                    load[i as usize] += 1;
                }
                out.push(Assignment::Team(team));
            }
            Err(reason) => out.push(Assignment::Unassigned(reason)),
        }
    }
    out
}

/// A drawn target in the outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeTask {
    /// 1, 2, ... in key order.
    pub rank: u32,
    pub target: String,
    /// Pseudonyms, in the order picked; empty when unassigned.
    pub inspectors: Vec<String>,
    pub unassigned: Option<String>,
}

/// A draw's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawOutcome {
    pub plan: String,
    /// Hex.
    pub seed: String,
    pub tasks: Vec<OutcomeTask>,
}

impl DrawOutcome {
    /// Samples and assigns: the whole draw.
    pub fn compute(pool: &Pool, ratios: &Ratios, seed: &[u8; 32], rules: &AssignRules<'_>) -> DrawOutcome {
        let drawn = sample(pool, ratios, seed);
        let teams = assign(pool, &drawn, seed, rules);
        let tasks = drawn
            .iter()
            .zip(teams)
            .enumerate()
            .map(|(rank, (d, a))| {
                let target = pool.targets[d.target as usize].id.clone();
                match a {
                    Assignment::Team(team) => OutcomeTask {
                        rank: rank as u32 + 1,
                        target,
                        inspectors: team.iter().map(|&i| pool.inspectors[i as usize].pseudonym.clone()).collect(),
                        unassigned: None,
                    },
                    Assignment::Unassigned(r) => OutcomeTask {
                        rank: rank as u32 + 1,
                        target,
                        inspectors: Vec::new(),
                        unassigned: Some(r.to_string()),
                    },
                }
            })
            .collect();
        DrawOutcome { plan: pool.plan.clone(), seed: hex(seed), tasks }
    }

    /// The canonical text (see the module documentation).
    pub fn canonical(&self) -> String {
        let mut s =
            format!("shijian-draw-outcome v1\nplan {}\nseed {}\ntasks {}\n", self.plan, self.seed, self.tasks.len());
        for t in &self.tasks {
            s.push_str(&t.rank.to_string());
            s.push('\t');
            s.push_str(&t.target);
            s.push('\t');
            match &t.unassigned {
                None => s.push_str(&t.inspectors.join(",")),
                Some(r) => {
                    s.push_str("-\t");
                    s.push_str(r);
                }
            }
            s.push('\n');
        }
        s
    }

    /// Hex SHA-256 of the canonical text.
    pub fn hash(&self) -> String {
        hex(&Sha256::digest(self.canonical().as_bytes()))
    }

    /// Targets without a team.
    pub fn unassigned(&self) -> u64 {
        self.tasks.iter().filter(|t| t.unassigned.is_some()).count() as u64
    }

    /// The first difference from `other`, as a line for people; `None` when equal.
    pub fn first_difference(&self, other: &DrawOutcome) -> Option<String> {
        if self.seed != other.seed {
            return Some(format!("seed: {} ≠ {}", self.seed, other.seed));
        }
        for (a, b) in self.tasks.iter().zip(&other.tasks) {
            if a != b {
                return Some(format!("rank {}: {:?} ≠ {:?}", a.rank, a, b));
            }
        }
        if self.tasks.len() != other.tasks.len() {
            return Some(format!("tasks: {} ≠ {}", self.tasks.len(), other.tasks.len()));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::inspection::pool::{Inspector, Target};

    fn office(s: &str) -> DivisionCode {
        DivisionCode::parse(s).unwrap()
    }

    /// A pool of `n` targets per stratum A–D across two counties of Wuhan and one of Yichang.
    fn pool(n: usize, inspectors: Vec<Inspector>) -> Pool {
        let offices = [office("420102"), office("420103"), office("420502")];
        let mut targets = Vec::new();
        for (si, s) in [Stratum::A, Stratum::B, Stratum::C, Stratum::D].into_iter().enumerate() {
            for i in 0..n {
                targets.push(Target { id: format!("T{si}{i:07}"), stratum: s, office: offices[i % 3] });
            }
        }
        Pool::new("p", targets, inspectors).unwrap()
    }

    fn inspector(name: &str, o: &str, certified: bool) -> Inspector {
        Inspector {
            pseudonym: name.into(),
            office: office(o),
            department: "市场监管".into(),
            certified,
            excluded: Vec::new(),
        }
    }

    fn staff() -> Vec<Inspector> {
        let mut v = Vec::new();
        for (k, o) in ["420102", "420103", "420100", "420502", "420500"].iter().enumerate() {
            for j in 0..6 {
                v.push(inspector(&format!("i{k}{j}"), o, j % 3 == 0));
            }
        }
        v
    }

    const RATIOS: Ratios = Ratios { a: 0, b: 300, c: 1_000, d: 5_000, u: 300 };

    #[test]
    fn each_class_is_drawn_at_its_ratio_and_class_a_not_at_all() {
        let p = pool(2_000, staff());
        let drawn = sample(&p, &RATIOS, &[3u8; 32]);
        let count = |s: Stratum| drawn.iter().filter(|d| p.targets[d.target as usize].stratum == s).count();
        assert_eq!(count(Stratum::A), 0);
        assert_eq!(count(Stratum::B), 60);
        assert_eq!(count(Stratum::C), 200);
        assert_eq!(count(Stratum::D), 1_000);
        // Ranked by key, and the drawn are the smallest keys of their stratum.
        assert!(drawn.windows(2).all(|w| w[0].key <= w[1].key));
        let b_keys: Vec<u64> =
            p.targets.iter().filter(|t| t.stratum == Stratum::B).map(|t| target_key(&[3u8; 32], &t.id)).collect();
        let mut sorted = b_keys.clone();
        sorted.sort_unstable();
        let max_drawn =
            drawn.iter().filter(|d| p.targets[d.target as usize].stratum == Stratum::B).map(|d| d.key).max().unwrap();
        assert_eq!(max_drawn, sorted[59]);
    }

    #[test]
    fn the_draw_is_a_function_of_seed_and_pool() {
        let p = pool(500, staff());
        let depts = ["市场监管".to_string()];
        let rules = AssignRules { team_size: 2, departments: &depts, forbid_own_office: false };
        let a = DrawOutcome::compute(&p, &RATIOS, &[1u8; 32], &rules);
        let b = DrawOutcome::compute(&p, &RATIOS, &[1u8; 32], &rules);
        let c = DrawOutcome::compute(&p, &RATIOS, &[2u8; 32], &rules);
        assert_eq!(a, b);
        assert_eq!(a.first_difference(&b), None);
        assert_ne!(a.hash(), c.hash());
        assert!(a.first_difference(&c).is_some());
        let mut tampered = a.clone();
        tampered.tasks[3].inspectors.swap(0, 1);
        assert!(a.first_difference(&tampered).unwrap().starts_with("rank 4"));
    }

    #[test]
    fn a_draw_is_uniform_within_a_stratum() {
        // 200 targets, 10 % drawn, 2,000 seeds: each target is drawn about 200 times.
        let p = pool(200, Vec::new());
        let ratios = Ratios { a: 0, b: 1_000, c: 0, d: 0, u: 0 };
        let mut hits = vec![0u32; p.targets.len()];
        for s in 0..2_000u32 {
            let mut seed = [0u8; 32];
            seed[..4].copy_from_slice(&s.to_be_bytes());
            for d in sample(&p, &ratios, &seed) {
                hits[d.target as usize] += 1;
            }
        }
        let b: Vec<u32> =
            p.targets.iter().zip(&hits).filter(|(t, _)| t.stratum == Stratum::B).map(|(_, h)| *h).collect();
        assert_eq!(b.iter().sum::<u32>(), 2_000 * 20);
        // Binomial(2000, 0.1): mean 200, sd ≈ 13.4; every target within 6 sd.
        assert!(b.iter().all(|h| (120..=280).contains(h)), "{b:?}");
    }

    #[test]
    fn teams_follow_the_rules() {
        let mut inspectors = staff();
        // i00 declared a conflict with every Wuhan target drawn below.
        let p0 = pool(300, inspectors.clone());
        let wuhan: Vec<String> =
            p0.targets.iter().filter(|t| t.office != office("420502")).map(|t| t.id.clone()).collect();
        inspectors[0].excluded = wuhan.clone();
        let p = pool(300, inspectors);
        let depts = ["市场监管".to_string()];
        let rules = AssignRules { team_size: 2, departments: &depts, forbid_own_office: true };
        let seed = [9u8; 32];
        let drawn = sample(&p, &RATIOS, &seed);
        let teams = assign(&p, &drawn, &seed, &rules);
        let mut load: HashMap<u32, u32> = HashMap::new();
        for (d, a) in drawn.iter().zip(&teams) {
            let t = &p.targets[d.target as usize];
            let Assignment::Team(team) = a else { panic!("unassigned {a:?}") };
            assert_eq!(team.len(), 2);
            assert_eq!(team.iter().collect::<HashSet<_>>().len(), 2);
            assert!(team.iter().any(|&i| p.inspectors[i as usize].certified));
            for &i in team {
                let insp = &p.inspectors[i as usize];
                assert_ne!(insp.office, t.office, "own office");
                assert!(insp.excluded.binary_search(&t.id).is_err(), "conflict");
                assert_eq!(prefecture(insp.office), prefecture(t.office), "another prefecture");
                *load.entry(i).or_default() += 1;
            }
        }
        // Balanced: the Yichang targets all belong to 420502, so its own inspectors get none;
        // the city's (420500) share the work, the certified ones (each team needs one) among
        // themselves and the others among themselves, within one task.
        for certified in [true, false] {
            let loads: Vec<u32> = (0..p.inspectors.len() as u32)
                .filter(|&i| {
                    let insp = &p.inspectors[i as usize];
                    insp.office == office("420500") && insp.certified == certified
                })
                .map(|i| load.get(&i).copied().unwrap_or(0))
                .collect();
            let (lo, hi) = (loads.iter().min().unwrap(), loads.iter().max().unwrap());
            assert!(*lo > 0 && hi - lo <= 1, "{loads:?}");
        }
        assert!(
            p.inspectors
                .iter()
                .enumerate()
                .all(|(i, insp)| insp.office != office("420502") || !load.contains_key(&(i as u32)))
        );
        // i00 never goes to Wuhan targets.
        assert!(drawn.iter().zip(&teams).all(|(d, a)| {
            let Assignment::Team(team) = a else { return true };
            !(team.contains(&0) && wuhan.contains(&p.targets[d.target as usize].id))
        }));
    }

    #[test]
    fn a_joint_plan_takes_one_of_each_department_and_reports_what_is_missing() {
        let mut inspectors = staff();
        inspectors.push(Inspector { department: "税务".into(), ..inspector("tax-1", "420100", false) });
        let p = pool(100, inspectors);
        let depts = ["市场监管".to_string(), "税务".to_string()];
        let rules = AssignRules { team_size: 2, departments: &depts, forbid_own_office: false };
        let o = DrawOutcome::compute(&p, &RATIOS, &[5u8; 32], &rules);
        for t in &o.tasks {
            if t.target.starts_with('T')
                && p.targets.iter().find(|x| x.id == t.target).unwrap().office == office("420502")
            {
                // No tax inspector in Yichang.
                assert_eq!(t.unassigned.as_deref(), Some("department_without_inspector"));
            } else {
                assert!(t.inspectors.contains(&"tax-1".to_string()), "{t:?}");
            }
        }
        assert!(o.unassigned() > 0);
    }
}
