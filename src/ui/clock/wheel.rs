//! The annual wheel (vuosikello) as SVG: twelve months around from the account's year start,
//! ISO week ticks, today's hand, one ring per party. Events are dots (periods arcs) coloured by
//! type; a crowded ring's month is one count with a done-ratio bar. Tapping a dot opens its row
//! in the list, tapping a month jumps to that month. Layout rules live in `domain::clock::wheel`.

use crate::domain::clock::wheel::{company_layer, layout, Mark, Ring, WheelYear};
use crate::domain::clock::{ClockEvent, EventKind};
use crate::i18n::*;
use crate::ui::labels;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::f64::consts::PI;

const OUTER: f64 = 196.0;
const MONTH_BAND: f64 = 24.0;
const INNER: f64 = 58.0;

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

/// Short month names for the wheel's band: the first three letters read well at 360 px.
fn short_month(name: &str) -> String {
    name.chars().take(3).collect()
}

#[component]
pub fn ClockWheel(
    events: Signal<Vec<ClockEvent>>,
    year: i32,
    start_month: u32,
    today: NaiveDate,
    hidden: RwSignal<Vec<Ring>>,
    /// The company's own activities this year, drawn in the company ring with the holidays.
    #[prop(optional)]
    company: Vec<ClockEvent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let company = StoredValue::new(company);
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
                    let class = format!(
                        "mark k-{} s-{}{}",
                        event.kind.as_str(),
                        event.status.as_str(),
                        if event.is_overdue(today) { " overdue" } else { "" }
                    );
                    let href = format!("#e-{}", event.id);
                    let title = format!(
                        "{} {}",
                        labels_title(i18n, event),
                        crate::ui::format::event_date(event)
                    );
                    let (x, y) = point(*turn, r);
                    let shape = match end_turn {
                        Some(end) if end - turn > 1.5 / 365.0 => view! {
                            <path class="period" d=arc(*turn, *end, r) />
                        }
                        .into_any(),
                        _ => view! { <circle class="dot" cx=f(x) cy=f(y) r="4.5" /> }.into_any(),
                    };
                    // Inside a <g>, the macro makes <a> and <title> SVG elements, not HTML ones.
                    view! {
                        <g class=class data-event=event.id.to_string()>
                            <a href=href>
                                <title>{title}</title>
                                // A larger, invisible circle makes the dot easy to tap.
                                <circle class="hit" cx=f(x) cy=f(y) r="13" />
                                {shape}
                            </a>
                        </g>
                    }
                    .into_any()
                }
                Mark::Company { turn, date, name } => {
                    let r = ring_outer(Ring::Company) - ring_width / 2.0;
                    let (x, y) = point(*turn, r);
                    let title = format!("{name} {}", crate::domain::dates::format_date(*date));
                    view! {
                        <g class="holiday" data-testid="wheel-holiday">
                            <title>{title}</title>
                            <rect x=f(x - 3.0) y=f(y - 3.0) width="6" height="6" transform=format!("rotate(45 {} {})", f(x), f(y)) />
                        </g>
                    }
                    .into_any()
                }
                Mark::Folded { ring, month, start_turn, end_turn, total, done, overdue } => {
                    let r_out = ring_outer(*ring) - 1.5;
                    let r_in = r_out - ring_width + 3.0;
                    let ratio = if *total == 0 { 0.0 } else { *done as f64 / *total as f64 };
                    let gap = 0.002;
                    let done_to = start_turn + gap + (end_turn - start_turn - 2.0 * gap) * ratio;
                    let (tx, ty) = point((start_turn + end_turn) / 2.0, (r_in + r_out) / 2.0);
                    let label = format!("{done}/{total}");
                    let href = format!("#kk-{}-{}", month.year, month.month);
                    let late = *overdue > 0;
                    view! {
                        <g class="folded" class:overdue=late data-testid="wheel-folded">
                            <a href=href>
                                <title>{label.clone()}</title>
                                <path class="folded-bg" d=sector(start_turn + gap, end_turn - gap, r_in, r_out) />
                                <path class="folded-done" d=sector(start_turn + gap, done_to.max(start_turn + gap), r_in, r_out) />
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
            let current = month == crate::domain::dates::YearMonth::of(today);
            view! {
                <g class="month-seg" class:current=current>
                    <a href=href>
                        <path d=sector(from, to, OUTER - MONTH_BAND, OUTER) />
                        <text x=f(tx) y=f(ty)>{move || short_month(&labels::month(i18n, month.month))}</text>
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
            <svg viewBox="-200 -200 400 400" role="img" aria-label=move || t_string!(i18n, section_clock).to_string()>
                <g class="months">{months}</g>
                <g class="weeks">{weeks}</g>
                {drawing}
                {today_hand}
                <text class="wheel-year" y="-4">{year}</text>
                <text class="wheel-week" y="16">{move || format!("{} {week_now}", t_string!(i18n, week_abbr))}</text>
            </svg>
            <figcaption>
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
                                    <span class=format!("swatch ring-{}", ring.as_str())></span>
                                    {move || labels::ring(i18n, ring)}
                                </label>
                            </li>
                        }
                    }).collect_view()}
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
