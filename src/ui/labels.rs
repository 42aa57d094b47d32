//! Translated names of the domain's enums.

use crate::domain::card::TrafficLight;
use crate::domain::clock::{EventKind, EventStatus};
use crate::domain::people::Role;
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// A kind of document (`domain::sync::doc`), as the sync panel names it.
pub fn record_kind(i18n: I18nContext<Locale>, k: crate::domain::sync::doc::RecordKind) -> String {
    use crate::domain::sync::doc::RecordKind;
    match k {
        RecordKind::Contract => t_string!(i18n, record_contract).to_string(),
        RecordKind::Deal => t_string!(i18n, record_deal).to_string(),
        RecordKind::Position => t_string!(i18n, record_position).to_string(),
        RecordKind::CustomerPerson => t_string!(i18n, record_customer_person).to_string(),
        RecordKind::MeetingNote => t_string!(i18n, record_meeting_note).to_string(),
        RecordKind::SupportRole => t_string!(i18n, record_support_role).to_string(),
        RecordKind::OneOffDecision => t_string!(i18n, record_one_off_decision).to_string(),
        RecordKind::Unknown => t_string!(i18n, field_other).to_string(),
    }
}

pub fn kind(i18n: I18nContext<Locale>, k: EventKind) -> String {
    match k {
        EventKind::QualityVisit => t_string!(i18n, kind_quality_visit),
        EventKind::SatisfactionVisit => t_string!(i18n, kind_satisfaction_visit),
        EventKind::CustomerMeeting => t_string!(i18n, kind_customer_meeting),
        EventKind::BirthdayMeeting => t_string!(i18n, kind_birthday_meeting),
        EventKind::InternalAudit => t_string!(i18n, kind_internal_audit),
        EventKind::UserSurvey => t_string!(i18n, kind_user_survey),
        EventKind::SteeringGroup => t_string!(i18n, kind_steering_group),
        EventKind::Report => t_string!(i18n, kind_report),
        EventKind::Webinar => t_string!(i18n, kind_webinar),
        EventKind::QuickWebinar => t_string!(i18n, kind_quick_webinar),
        EventKind::Training => t_string!(i18n, kind_training),
        EventKind::StaffMeeting => t_string!(i18n, kind_staff_meeting),
        EventKind::AccountPresentation => t_string!(i18n, kind_account_presentation),
        EventKind::Custom => t_string!(i18n, kind_custom),
    }
    .to_string()
}

pub fn status(i18n: I18nContext<Locale>, s: EventStatus) -> String {
    match s {
        EventStatus::Planned => t_string!(i18n, status_planned),
        EventStatus::Done => t_string!(i18n, status_done),
        EventStatus::Moved => t_string!(i18n, status_moved),
        EventStatus::Cancelled => t_string!(i18n, status_cancelled),
    }
    .to_string()
}

pub fn role(i18n: I18nContext<Locale>, r: Role) -> String {
    role_in(i18n.get_locale(), r).to_string()
}

/// A role's name in `locale`, for pages the server draws (and, through `role`, for the others).
pub fn role_in(locale: Locale, r: Role) -> &'static str {
    match r {
        Role::Admin => td_string!(locale, role_admin),
        Role::Management => td_string!(locale, role_management),
        Role::AccountDirector => td_string!(locale, role_account_director),
        Role::RegionalDirector => td_string!(locale, role_regional_director),
        Role::Manager => td_string!(locale, role_manager),
        Role::Supervisor => td_string!(locale, role_supervisor),
        Role::Sales => td_string!(locale, role_sales),
    }
}

pub fn ring(i18n: I18nContext<Locale>, r: crate::domain::clock::wheel::Ring) -> String {
    use crate::domain::clock::wheel::Ring;
    match r {
        Ring::Customer => t_string!(i18n, ring_customer),
        Ring::Visits => t_string!(i18n, ring_visits),
        Ring::Management => t_string!(i18n, ring_management),
        Ring::Staff => t_string!(i18n, ring_staff),
        Ring::Reports => t_string!(i18n, ring_reports),
        Ring::Webinars => t_string!(i18n, ring_webinars),
        Ring::Company => t_string!(i18n, ring_company),
    }
    .to_string()
}

pub fn weekday(i18n: I18nContext<Locale>, w: chrono::Weekday) -> String {
    use chrono::Weekday;
    match w {
        Weekday::Mon => t_string!(i18n, weekday_mon),
        Weekday::Tue => t_string!(i18n, weekday_tue),
        Weekday::Wed => t_string!(i18n, weekday_wed),
        Weekday::Thu => t_string!(i18n, weekday_thu),
        Weekday::Fri => t_string!(i18n, weekday_fri),
        Weekday::Sat => t_string!(i18n, weekday_sat),
        Weekday::Sun => t_string!(i18n, weekday_sun),
    }
    .to_string()
}

pub fn light(i18n: I18nContext<Locale>, l: TrafficLight) -> String {
    match l {
        TrafficLight::Green => t_string!(i18n, light_green),
        TrafficLight::Yellow => t_string!(i18n, light_yellow),
        TrafficLight::Red => t_string!(i18n, light_red),
    }
    .to_string()
}

pub fn month(i18n: I18nContext<Locale>, m: u32) -> String {
    match m {
        1 => t_string!(i18n, month_1),
        2 => t_string!(i18n, month_2),
        3 => t_string!(i18n, month_3),
        4 => t_string!(i18n, month_4),
        5 => t_string!(i18n, month_5),
        6 => t_string!(i18n, month_6),
        7 => t_string!(i18n, month_7),
        8 => t_string!(i18n, month_8),
        9 => t_string!(i18n, month_9),
        10 => t_string!(i18n, month_10),
        11 => t_string!(i18n, month_11),
        _ => t_string!(i18n, month_12),
    }
    .to_string()
}

/// The wheel's month names: the Finnish stems ("maalis", "marras") that no one mixes up, as
/// three-letter cuts ("Maa", "Mar") were.
pub fn month_short(i18n: I18nContext<Locale>, m: u32) -> String {
    match m {
        1 => t_string!(i18n, month_short_1),
        2 => t_string!(i18n, month_short_2),
        3 => t_string!(i18n, month_short_3),
        4 => t_string!(i18n, month_short_4),
        5 => t_string!(i18n, month_short_5),
        6 => t_string!(i18n, month_short_6),
        7 => t_string!(i18n, month_short_7),
        8 => t_string!(i18n, month_short_8),
        9 => t_string!(i18n, month_short_9),
        10 => t_string!(i18n, month_short_10),
        11 => t_string!(i18n, month_short_11),
        _ => t_string!(i18n, month_short_12),
    }
    .to_string()
}

pub fn figure(i18n: I18nContext<Locale>, f: crate::domain::card::CardFigure) -> String {
    use crate::domain::card::CardFigure;
    match f {
        CardFigure::Satisfaction => t_string!(i18n, figure_satisfaction),
        CardFigure::AuditScore => t_string!(i18n, figure_audit_score),
        CardFigure::Complaints => t_string!(i18n, figure_complaints),
        CardFigure::FaultReports => t_string!(i18n, figure_fault_reports),
        CardFigure::StaffChanges => t_string!(i18n, figure_staff_changes),
        CardFigure::InductionsDone => t_string!(i18n, figure_inductions_done),
        CardFigure::RedRisks => t_string!(i18n, figure_red_risks),
    }
    .to_string()
}

pub fn direction(i18n: I18nContext<Locale>, d: crate::domain::card::Direction) -> String {
    use crate::domain::card::Direction;
    match d {
        Direction::Up => t_string!(i18n, direction_up),
        Direction::Steady => t_string!(i18n, direction_steady),
        Direction::Down => t_string!(i18n, direction_down),
    }
    .to_string()
}

pub fn card_text(i18n: I18nContext<Locale>, t: crate::domain::card::CardText) -> String {
    use crate::domain::card::CardText;
    match t {
        CardText::OrgChanges => t_string!(i18n, text_org_changes),
        CardText::Potentials => t_string!(i18n, text_potentials),
        CardText::Risks => t_string!(i18n, text_risks),
        CardText::SupportNeeded => t_string!(i18n, text_support_needed),
    }
    .to_string()
}

pub fn card_state(i18n: I18nContext<Locale>, s: crate::domain::card::CardState) -> String {
    use crate::domain::card::CardState;
    match s {
        CardState::Draft => t_string!(i18n, state_draft),
        CardState::Submitted => t_string!(i18n, state_submitted),
        CardState::Reviewed => t_string!(i18n, state_reviewed),
    }
    .to_string()
}

pub fn measure(i18n: I18nContext<Locale>, m: crate::domain::card::suggest::Measure) -> String {
    use crate::domain::card::suggest::Measure;
    match m {
        Measure::VisitsDone => t_string!(i18n, measure_visits_done),
        Measure::Satisfaction => t_string!(i18n, measure_satisfaction),
        Measure::AuditScore => t_string!(i18n, measure_audit_score),
        Measure::Complaints => t_string!(i18n, measure_complaints),
        Measure::RedRisks => t_string!(i18n, measure_red_risks),
        Measure::MarginVsTarget => t_string!(i18n, measure_margin_vs_target),
        Measure::HoursOfBudget => t_string!(i18n, measure_hours_of_budget),
    }
    .to_string()
}

/// A count said right in Finnish and English: the `_one` text when it is 1 ("1 rivi
/// hylättiin"), the counted text otherwise ("5 riviä hylättiin"). Both languages need nothing
/// more than "is it 1", so ICU's plural rules stay out of the wasm.
macro_rules! counted {
    ($i18n:ident, $many:ident, $one:ident, $var:ident = $n:expr) => {
        move || {
            if $n == 1 {
                t!($i18n, $one).into_any()
            } else {
                t!($i18n, $many, $var = move || $n).into_any()
            }
        }
    };
}
pub(crate) use counted;
