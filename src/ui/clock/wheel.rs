//! The annual wheel (vuosikello) as SVG: twelve months around from the account's year start,
//! ISO week ticks, today's hand, one ring per party. Each party's events have a shape of their
//! own as well as a colour (periods are arcs); a crowded ring's month is one count per kind with
//! a done-ratio bar. Tapping a mark says what it is below the wheel, with a link to its row;
//! tapping a month goes to that month. Layout rules live in `domain::clock::wheel`.

use crate::domain::clock::wheel::{company_layer, layout, Mark, Ring, WheelYear};
use crate::domain::clock::{ClockEvent, EventKind};
use crate::domain::dates::YearMonth;
use crate::i18n::*;
use crate::ui::accounts::clock::{round_key, round_of, ClockFolds};
use crate::ui::labels;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::f64::consts::PI;

const OUTER: f64 = 196.0;
const MONTH_BAND: f64 = 30.0;
const INNER: f64 = 58.0;
/// Half the size of an event's mark, in the wheel's 400-unit box (about 10 px across at 360 px).
const MARK: f64 = 6.0;

fn point(turn: f64, r: f64) -> (f64, f64) {
    let a = turn * 2.0 * PI - PI / 2.0;
    (r * a.cos(), r * a.sin())
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// An arc along radius `r` from one turn to another, as a path (drawn with a stroke).
fn arc(from: f64, to: f64, r: f64) -> String {
    let to = if to - from >= 1.0 { from + 0.9999 } else { to };
    let (x1, y1) = point(from, r);
    let (x2, y2) = point(to, r);
    let large = if to - from > 0.5 { 1 } else { 0 };
    format!(
        "M{} {} A{} {} 0 {} 1 {} {}",
        f(x1),
        f(y1),
        f(r),
        f(r),
        large,
        f(x2),
        f(y2)
    )
}

/// A ring sector between two radii, as a closed path (filled).
fn sector(from: f64, to: f64, r_in: f64, r_out: f64) -> String {
    let (ax, ay) = point(from, r_out);
    let (bx, by) = point(to, r_out);
    let (cx, cy) = point(to, r_in);
    let (dx, dy) = point(from, r_in);
    let large = if to - from > 0.5 { 1 } else { 0 };
    format!(
        "M{} {} A{} {} 0 {} 1 {} {} L{} {} A{} {} 0 {} 0 {} {} Z",
        f(ax),
        f(ay),
        f(r_out),
        f(r_out),
        large,
        f(bx),
        f(by),
        f(cx),
        f(cy),
        f(r_in),
        f(r_in),
        large,
        f(dx),
        f(dy)
    )
}

/// An event's mark: a shape per ring, so meetings, audits, reports and webinars differ for
/// someone who does not tell the colours apart. One path for every shape: a single kind of
/// element keeps the browser's code small.
fn shape(ring: Ring, x: f64, y: f64) -> String {
    let m = MARK;
    match ring {
        Ring::Customer | Ring::Visits | Ring::Company => format!(
            "M{} {} a{m} {m} 0 1 0 {} 0 a{m} {m} 0 1 0 {} 0 Z",
            f(x - m),
            f(y),
            f(2.0 * m),
            f(-2.0 * m)
        ),
        // A square.
        Ring::Management => {
            let s = m * 0.85;
            format!(
                "M{} {} h{} v{} h{} Z",
                f(x - s),
                f(y - s),
                f(2.0 * s),
                f(2.0 * s),
                f(-2.0 * s)
            )
        }
        // A triangle.
        Ring::Staff => format!(
            "M{} {} L{} {} L{} {} Z",
            f(x),
            f(y - m * 1.1),
            f(x + m),
            f(y + m * 0.8),
            f(x - m),
            f(y + m * 0.8)
        ),
        // A bar.
        Ring::Reports => format!(
            "M{} {} h{} v{} h{} Z",
            f(x - m),
            f(y - m * 0.55),
            f(2.0 * m),
            f(1.1 * m),
            f(-2.0 * m)
        ),
        // A diamond.
        Ring::Webinars => format!(
            "M{} {} L{} {} L{} {} L{} {} Z",
            f(x),
            f(y - m * 1.15),
            f(x + m),
            f(y),
            f(x),
            f(y + m * 1.15),
            f(x - m),
            f(y)
        ),
    }
}

/// What a tapped mark is, said below the wheel, with the way to its row in the list.
#[derive(Clone, PartialEq)]
struct Picked {
    what: String,
    when: String,
    status: String,
    /// The list element to show: an event's row or a month.
    anchor: String,
    month: YearMonth,
    /// The fold of site visits the row sits in, to open first.
    round: Option<String>,
}

/// Opens what hides the list element (the earlier months, a round of visits) and scrolls to it.
fn reveal(folds: ClockFolds, today: NaiveDate, month: YearMonth, round: Option<String>, anchor: String) {
    if month < YearMonth::of(today) {
        folds.past.set(true);
    }
    if let Some(key) = round {
        folds.rounds.update(|r| {
            r.insert(key);
        });
    }
    crate::ui::scroll::bring_into_view(anchor, true);
}

/// Opens what hides the list element an address names (`#e-<event>` from "Omat" or a shared
/// link, `#kk-<year>-<month>`) and scrolls to it, as a tap on the wheel does: the months before
/// this one are drawn only when their fold is open.
pub(crate) fn reveal_anchor(folds: ClockFolds, today: NaiveDate, events: &[ClockEvent], anchor: String) {
    let month_and_round = if let Some(id) = anchor.strip_prefix("e-") {
        events
            .iter()
            .find(|e| e.id.to_string() == id)
            .map(|e| (YearMonth::of(e.starts_on), round_of(e)))
    } else if let Some((year, month)) = anchor.strip_prefix("kk-").and_then(|ym| ym.split_once('-')) {
        year.parse()
            .ok()
            .zip(month.parse().ok())
            .map(|(year, month)| (YearMonth { year, month }, None))
    } else {
        None
    };
    match month_and_round {
        Some((month, round)) => reveal(folds, today, month, round, anchor),
        None => crate::ui::scroll::bring_into_view(anchor, true),
    }
}

#[component]
pub fn ClockWheel(
    events: Signal<Vec<ClockEvent>>,
    year: i32,
    start_month: u32,
    today: NaiveDate,
    hidden: RwSignal<Vec<Ring>>,
    /// The list's folds, opened when a mark's row is asked for.
    folds: ClockFolds,
    /// The company's own activities this year, drawn in the company ring with the holidays.
    #[prop(optional)]
    company: Vec<ClockEvent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let company = StoredValue::new(company);
    let picked = RwSignal::new(None::<Picked>);
    let Some(wheel) = WheelYear::new(year, start_month) else {
        return ().into_any();
    };
    let rings = move || {
        let hidden = hidden.get();
        Ring::ALL
            .into_iter()
            .filter(|r| !hidden.contains(r))
            .collect::<Vec<_>>()
    };
    let drawing = move || {
        let visible = rings();
        let mut marks = events.with(|all| layout(&wheel, all, &hidden.get(), today));
        marks.extend(company_layer(&wheel, &hidden.get(), &company.get_value()));
        let ring_width = (OUTER - MONTH_BAND - 6.0 - INNER) / visible.len().max(1) as f64;
        let ring_outer = |ring: Ring| {
            let i = visible.iter().position(|r| *r == ring).unwrap_or(0) as f64;
            OUTER - MONTH_BAND - 6.0 - i * ring_width
        };
        let lanes_of = |ring: Ring| {
            marks
                .iter()
                .filter_map(|m| match m {
                    Mark::Event { ring: r, lane, .. } if *r == ring => Some(lane + 1),
                    _ => None,
                })
                .max()
                .unwrap_or(1)
        };
        let guides = visible
            .iter()
            .map(|ring| {
                let r = ring_outer(*ring);
                view! { <circle class="ring-guide" r=f(r) /> }
            })
            .collect_view();
        let drawn = marks
            .iter()
            .map(|mark| match mark {
                Mark::Event { ring, event, turn, end_turn, lane } => {
                    let lanes = lanes_of(*ring) as f64;
                    let r = ring_outer(*ring) - ring_width * (*lane as f64 + 0.5) / lanes;
                    let overdue = event.is_overdue(today);
                    let class = format!(
                        "mark k-{} s-{}{}",
                        event.kind.as_str(),
                        event.status.as_str(),
                        if overdue { " overdue" } else { "" }
                    );
                    let what = labels_title(i18n, event);
                    let when = crate::ui::format::event_date(event);
                    let title = format!("{what} {when}");
                    let month = YearMonth::of(event.starts_on);
                    let round = round_of(event);
                    let status = if overdue {
                        t_string!(i18n, overdue).to_string()
                    } else {
                        labels::status(i18n, event.status)
                    };
                    let pick = Picked {
                        what,
                        when,
                        status,
                        anchor: format!("e-{}", event.id),
                        month,
                        round,
                    };
                    let (x, y) = point(*turn, r);
                    // A period is an arc along the ring; a day is the ring's shape.
                    let (drawn_class, d) = match end_turn {
                        Some(end) if end - turn > 1.5 / 365.0 => ("period", arc(*turn, *end, r)),
                        _ => ("dot", shape(*ring, x, y)),
                    };
                    let name = title.clone();
                    // Inside a <g>, the macro makes <a> and <title> SVG elements, not HTML ones.
                    view! {
                        <g class=class data-event=event.id.to_string()>
                            // Named for screen readers too: an SVG link's <title> is not read as
                            // its name everywhere.
                            <a href=format!("#e-{}", event.id) aria-label=name on:click=move |ev| {
                                ev.prevent_default();
                                picked.set(Some(pick.clone()));
                            }>
                                <title>{title}</title>
                                // A larger, invisible circle makes the mark easy to tap.
                                <circle class="hit" cx=f(x) cy=f(y) r="14" />
                                <path class=drawn_class d=d />
                            </a>
                        </g>
                    }
                    .into_any()
                }
                Mark::Company { turn, date, name } => {
                    let r = ring_outer(Ring::Company) - ring_width / 2.0;
                    let (x1, y1) = point(*turn, r - 4.0);
                    let (x2, y2) = point(*turn, r + 4.0);
                    let title = format!("{name} {}", crate::domain::dates::format_date(*date));
                    // A quiet grey tick: a day off is context, not an alarm.
                    view! {
                        <g class="holiday" data-testid="wheel-holiday">
                            <title>{title}</title>
                            <line x1=f(x1) y1=f(y1) x2=f(x2) y2=f(y2) />
                        </g>
                    }
                    .into_any()
                }
                Mark::Folded { ring, month, kind, part, parts, start_turn, end_turn, total, done, overdue } => {
                    let r_out = ring_outer(*ring) - 1.5;
                    let r_in = r_out - ring_width + 3.0;
                    let span = (end_turn - start_turn) / (*parts).max(1) as f64;
                    let from = start_turn + span * *part as f64;
                    let to = from + span;
                    let ratio = if *total == 0 { 0.0 } else { *done as f64 / *total as f64 };
                    let gap = 0.002;
                    let done_to = from + gap + (to - from - 2.0 * gap) * ratio;
                    let (tx, ty) = point((from + to) / 2.0, (r_in + r_out) / 2.0);
                    let label = format!("{done}/{total}");
                    let late = *overdue > 0;
                    let kind_name = labels::kind(i18n, *kind);
                    let late_text = if late {
                        format!(", {} {overdue}", t_string!(i18n, wheel_key_overdue))
                    } else {
                        String::new()
                    };
                    let pick = Picked {
                        what: kind_name.clone(),
                        when: labels::month(i18n, month.month) + " " + &month.year.to_string(),
                        status: format!("{label} {}{late_text}", t_string!(i18n, wheel_key_done)),
                        anchor: format!("kk-{}-{}", month.year, month.month),
                        month: *month,
                        round: Some(round_key(*month, *kind)),
                    };
                    let name = format!("{kind_name} {label}");
                    let title = name.clone();
                    view! {
                        <g class=format!("folded k-{}", kind.as_str()) class:overdue=late data-testid="wheel-folded">
                            <a href=format!("#kk-{}-{}", month.year, month.month) aria-label=name on:click=move |ev| {
                                ev.prevent_default();
                                picked.set(Some(pick.clone()));
                            }>
                                <title>{title}</title>
                                <path class="folded-bg" d=sector(from + gap, to - gap, r_in, r_out) />
                                <path class="folded-done" d=sector(from + gap, done_to.max(from + gap), r_in, r_out) />
                                <text x=f(tx) y=f(ty) class="folded-count">{label}</text>
                            </a>
                        </g>
                    }
                    .into_any()
                }
            })
            .collect_view();
        view! { <g class="guides">{guides}</g> <g class="marks">{drawn}</g> }
    };
    let months = wheel
        .months()
        .into_iter()
        .map(|(month, from, to)| {
            let href = format!("#kk-{}-{}", month.year, month.month);
            let (tx, ty) = point((from + to) / 2.0, OUTER - MONTH_BAND / 2.0);
            let current = month == YearMonth::of(today);
            view! {
                <g class="month-seg" class:current=current>
                    <a href=href on:click=move |ev| {
                        ev.prevent_default();
                        reveal(folds, today, month, None, format!("kk-{}-{}", month.year, month.month));
                    }>
                        <path d=sector(from, to, OUTER - MONTH_BAND, OUTER) />
                        <text x=f(tx) y=f(ty)>{move || labels::month_short(i18n, month.month)}</text>
                    </a>
                </g>
            }
        })
        .collect_view();
    let weeks = wheel
        .weeks()
        .into_iter()
        .map(|(week, turn)| {
            let long = week % 5 == 0 || week == 1;
            let (x1, y1) = point(turn, OUTER - MONTH_BAND);
            let (x2, y2) = point(turn, OUTER - MONTH_BAND - if long { 6.0 } else { 3.0 });
            view! { <line class="week-tick" x1=f(x1) y1=f(y1) x2=f(x2) y2=f(y2) /> }
        })
        .collect_view();
    let today_hand = wheel.contains(today).then(|| {
        let turn = wheel.turn(today);
        let (x1, y1) = point(turn, INNER - 8.0);
        let (x2, y2) = point(turn, OUTER);
        view! { <line class="today-hand" x1=f(x1) y1=f(y1) x2=f(x2) y2=f(y2) /> }
    });
    let week_now = chrono::Datelike::iso_week(&today).week();
    view! {
        <figure class="wheel" data-testid="clock-wheel">
            <svg viewBox="-200 -200 400 400" role="group" aria-label=move || t_string!(i18n, section_clock).to_string()>
                <g class="months">{months}</g>
                <g class="weeks">{weeks}</g>
                {drawing}
                {today_hand}
                <text class="wheel-year" y="-4">{year}</text>
                <text class="wheel-week" y="18">{move || format!("{} {week_now}", t_string!(i18n, week_abbr))}</text>
            </svg>
            <figcaption>
                {move || picked.with(Option::is_none).then(|| view! {
                    <p class="wheel-picked muted">{t!(i18n, wheel_tap_hint)}</p>
                })}
                {move || picked.get().map(|p| {
                        let Picked { what, when, status, anchor, month, round } = p;
                        view! {
                            <p class="wheel-picked" role="status" data-testid="wheel-picked">
                                <strong>{crate::ui::format::breakable(i18n, &what)}</strong>
                                " · " {when} " · " {status} " "
                                <a
                                    href=format!("#{anchor}")
                                    data-testid="wheel-show-in-list"
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        reveal(folds, today, month, round.clone(), anchor.clone());
                                    }
                                >
                                    {t!(i18n, wheel_show_in_list)} " ›"
                                </a>
                            </p>
                        }
                })}
                <ul class="wheel-legend">
                    {Ring::ALL.into_iter().map(|ring| {
                        let shown = move || !hidden.get().contains(&ring);
                        view! {
                            <li>
                                <label class="choice ring-toggle" class:chosen=shown>
                                    <input
                                        type="checkbox"
                                        prop:checked=shown
                                        on:change=move |_| hidden.update(|h| {
                                            if h.contains(&ring) { h.retain(|r| *r != ring) } else { h.push(ring) }
                                        })
                                        data-testid=format!("ring-{}", ring.as_str())
                                    />
                                    <svg class=format!("swatch-shape ring-{}", ring.as_str()) viewBox="-8 -8 16 16" aria-hidden="true">
                                        <path class="dot" d=shape(ring, 0.0, 0.0) />
                                    </svg>
                                    {move || labels::ring(i18n, ring)}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                // What the marks' looks mean, beyond the rings' names.
                <ul class="wheel-key" data-testid="wheel-key">
                    <li><svg viewBox="-8 -8 16 16" aria-hidden="true"><circle class="key-done" r="6" /></svg>{t!(i18n, wheel_key_done)}</li>
                    <li><svg viewBox="-8 -8 16 16" aria-hidden="true"><circle class="key-overdue" r="5.5" /></svg>{t!(i18n, wheel_key_overdue)}</li>
                    <li><svg viewBox="-8 -8 16 16" aria-hidden="true"><circle class="key-cancelled" r="5.5" /></svg>{t!(i18n, wheel_key_cancelled)}</li>
                    <li><svg viewBox="-8 -8 16 16" aria-hidden="true"><line class="key-holiday" x1="0" y1="-6" x2="0" y2="6" /></svg>{t!(i18n, wheel_key_holiday)}</li>
                </ul>
            </figcaption>
        </figure>
    }
    .into_any()
}

fn labels_title(i18n: leptos_i18n::I18nContext<Locale>, event: &ClockEvent) -> String {
    let kind = labels::kind(i18n, event.kind);
    match (&event.site, event.title.is_empty(), event.kind) {
        (Some(site), _, _) => format!("{kind}: {}", site.name),
        (None, false, EventKind::Custom) => event.title.clone(),
        (None, false, _) => format!("{kind}: {}", event.title),
        (None, true, _) => kind,
    }
}
