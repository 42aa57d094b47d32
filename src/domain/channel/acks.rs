//! Who should have seen an urgent bulletin: the channel's members *now* (membership follows who
//! runs which site), and of them who has acknowledged — per site for supervisors, and for the
//! account's other members. A member who left no longer counts; one who joined is asked at once.

use crate::domain::clock::PersonRef;
use crate::domain::ids::{PersonId, SiteId};
use crate::domain::people::Role;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A member of an account's channel and the account's sites they run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub person: PersonRef,
    pub role: Role,
    pub sites: Vec<SiteId>,
}

/// One of the account's sites and who runs it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteRun {
    pub site: SiteId,
    pub name: String,
    pub supervisor: Option<PersonRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteAck {
    pub site: SiteId,
    pub name: String,
    pub supervisor: Option<PersonRef>,
    /// When the supervisor acknowledged; None = not yet (or no supervisor).
    pub acknowledged: Option<NaiveDateTime>,
    /// The supervisor has opened it (in the channel or the inbox), acknowledged or not.
    pub read: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberAck {
    pub person: PersonRef,
    pub role: Role,
    pub acknowledged: Option<NaiveDateTime>,
    pub read: bool,
}

/// The author's view of an urgent bulletin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AckTally {
    /// Members asked to acknowledge (each person once, however many sites they run).
    pub asked: usize,
    pub acknowledged: usize,
    /// Every site of the account, sites not yet acknowledged first.
    pub sites: Vec<SiteAck>,
    /// Members who run no site of the account (director, regional directors, management, ...).
    pub others: Vec<MemberAck>,
    /// Everyone asked who has not acknowledged, by name.
    pub not_yet: Vec<PersonRef>,
}

/// Whether a member is asked to acknowledge: everyone but the author and admins (who see
/// every account for upkeep, not as members).
pub fn is_asked(member: &Member, author: PersonId) -> bool {
    member.person.id != author && member.role != Role::Admin
}

/// Counts a bulletin's acknowledgements against the members of today. Acknowledgements of
/// people who are no longer members are not counted.
pub fn tally(
    members: &[Member],
    sites: &[SiteRun],
    author: PersonId,
    acks: &HashMap<PersonId, NaiveDateTime>,
    read: &HashSet<PersonId>,
) -> AckTally {
    let asked: Vec<&Member> = members.iter().filter(|m| is_asked(m, author)).collect();
    let ack_of = |id: PersonId| acks.get(&id).copied();
    let mut site_acks: Vec<SiteAck> = sites
        .iter()
        .map(|s| SiteAck {
            site: s.site,
            name: s.name.clone(),
            supervisor: s.supervisor.clone(),
            acknowledged: s
                .supervisor
                .as_ref()
                .filter(|p| p.id != author)
                .and_then(|p| ack_of(p.id)),
            read: s
                .supervisor
                .as_ref()
                .is_some_and(|p| read.contains(&p.id) || acks.contains_key(&p.id)),
        })
        .collect();
    site_acks.sort_by(|a, b| {
        (
            a.acknowledged.is_some(),
            crate::domain::collation::sort_key(&a.name),
        )
            .cmp(&(
                b.acknowledged.is_some(),
                crate::domain::collation::sort_key(&b.name),
            ))
    });
    let mut others: Vec<MemberAck> = asked
        .iter()
        .filter(|m| m.sites.is_empty())
        .map(|m| MemberAck {
            person: m.person.clone(),
            role: m.role,
            acknowledged: ack_of(m.person.id),
            read: read.contains(&m.person.id) || acks.contains_key(&m.person.id),
        })
        .collect();
    others.sort_by(|a, b| {
        (
            a.acknowledged.is_some(),
            crate::domain::collation::sort_key(&a.person.name),
        )
            .cmp(&(
                b.acknowledged.is_some(),
                crate::domain::collation::sort_key(&b.person.name),
            ))
    });
    let mut not_yet: Vec<PersonRef> = asked
        .iter()
        .filter(|m| ack_of(m.person.id).is_none())
        .map(|m| m.person.clone())
        .collect();
    not_yet.sort_by_key(|p| crate::domain::collation::sort_key(&p.name));
    AckTally {
        asked: asked.len(),
        acknowledged: asked.len() - not_yet.len(),
        sites: site_acks,
        others,
        not_yet,
    }
}

/// A post's not-yet-acknowledged members are reminded (and pushed) at most this often.
pub const REMIND_INTERVAL_SECS: i64 = 10 * 60;

/// Seconds until a post may be reminded again, given how long ago the last reminder was
/// (`None`: never); `None` when it may be now.
pub fn remind_wait_secs(since_last: Option<i64>) -> Option<u64> {
    let since = since_last?;
    (since < REMIND_INTERVAL_SECS).then(|| (REMIND_INTERVAL_SECS - since.max(0)) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_is_reminded_at_most_every_ten_minutes() {
        assert_eq!(remind_wait_secs(None), None);
        assert_eq!(remind_wait_secs(Some(0)), Some(600));
        assert_eq!(remind_wait_secs(Some(599)), Some(1));
        assert_eq!(remind_wait_secs(Some(600)), None);
        // A clock that went backwards waits the whole interval, not more.
        assert_eq!(remind_wait_secs(Some(-30)), Some(600));
    }

    fn person(id: i64, name: &str) -> PersonRef {
        PersonRef {
            id: PersonId(id),
            name: name.into(),
        }
    }

    fn member(id: i64, name: &str, role: Role, sites: &[i64]) -> Member {
        Member {
            person: person(id, name),
            role,
            sites: sites.iter().map(|s| SiteId(*s)).collect(),
        }
    }

    fn at(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn counts_and_the_not_yet_list_follow_the_members_of_today() {
        let director = PersonId(1);
        let sites = vec![
            SiteRun {
                site: SiteId(10),
                name: "Alppila".into(),
                supervisor: Some(person(2, "Eeva")),
            },
            SiteRun {
                site: SiteId(11),
                name: "Böle".into(),
                supervisor: Some(person(3, "Olli")),
            },
            SiteRun {
                site: SiteId(12),
                name: "Kallio".into(),
                supervisor: Some(person(2, "Eeva")),
            },
        ];
        let mut members = vec![
            member(1, "Johtaja", Role::AccountDirector, &[]),
            member(2, "Eeva", Role::Supervisor, &[10, 12]),
            member(3, "Olli", Role::Supervisor, &[11]),
            member(4, "Aino", Role::RegionalDirector, &[]),
            member(9, "Ylläpito", Role::Admin, &[]),
        ];
        let mut acks = HashMap::from([(PersonId(2), at(9))]);
        // Aino has opened it but not acknowledged: read, and still on the not-yet list.
        let read = HashSet::from([PersonId(4)]);
        let t = tally(&members, &sites, director, &acks, &read);
        // The author and the admin are not asked; Eeva counts once for her two sites.
        assert_eq!((t.asked, t.acknowledged), (3, 1));
        assert_eq!(t.not_yet, [person(4, "Aino"), person(3, "Olli")]);
        assert_eq!(t.sites[0].name, "Böle");
        assert_eq!(t.sites[0].acknowledged, None);
        assert_eq!(t.sites[1].acknowledged, Some(at(9)));
        assert_eq!(t.others.len(), 1);
        assert!(t.others[0].read && t.others[0].acknowledged.is_none());
        assert!(!t.sites[0].read && t.sites[1].read);

        // Olli hands site 11 to Pekka: Olli is no longer asked, Pekka is at once.
        members.retain(|m| m.person.id != PersonId(3));
        members.push(member(5, "Pekka", Role::Supervisor, &[11]));
        let mut sites_after = sites.clone();
        sites_after[1].supervisor = Some(person(5, "Pekka"));
        acks.insert(PersonId(3), at(10));
        let t = tally(&members, &sites_after, director, &acks, &read);
        assert_eq!((t.asked, t.acknowledged), (3, 1));
        assert_eq!(t.not_yet, [person(4, "Aino"), person(5, "Pekka")]);

        // Pekka acknowledges: the list shrinks by exactly one.
        acks.insert(PersonId(5), at(11));
        let t = tally(&members, &sites_after, director, &acks, &read);
        assert_eq!((t.asked, t.acknowledged), (3, 2));
        assert_eq!(t.not_yet, [person(4, "Aino")]);
        assert!(t.sites.iter().all(|s| s.acknowledged.is_some()));
    }
}
