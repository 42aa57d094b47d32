//! The meeting-to-deal forecast page (issue 19, seed 002 Q6): this year's meetings and deals,
//! what they are expected to bring with the 80 % band, the next meeting's worth, the turning
//! point said in a sentence, how the estimate was made, the backtest, and the curve drawn.

use super::decimal;
use crate::api::drawn::Drawn;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::kam::forecast::{AccountForecast, Forecast};
use crate::domain::people::Viewer;
use crate::i18n::*;
use crate::server::state::AppState;
use leptos::prelude::*;

pub async fn draw(
    state: &AppState,
    viewer: &Viewer,
    account: AccountId,
    locale: Locale,
) -> Result<Drawn, AppError> {
    let name = super::account_name(state, viewer, account).await?;
    let f = crate::server::kam::forecast::of_account(&state.pool, account, state.today()).await?;
    let title = format!("{name}: {}", td_string!(locale, forecast_title));
    let html = page(account, &title, &f, locale);
    Ok(Drawn {
        title: format!("{title} – Kamu"),
        html,
    })
}

fn page(account: AccountId, title: &str, f: &AccountForecast, locale: Locale) -> String {
    let deals = move |n: f64, places: usize| {
        // Always with decimals ("1,0 kauppaa"), which take the plural in every language.
        let amount = decimal(n, places, locale);
        td!(locale, forecast_deals, amount = move || amount.clone())
    };
    let figures = view! {
        <dl class="figures" data-testid="forecast-figures">
            <div><dt>{td_string!(locale, forecast_on_clock)} " " {f.year}</dt><dd>{f.meetings_on_clock}</dd></div>
            <div><dt>{td_string!(locale, forecast_held)}</dt><dd>{f.meetings_held}</dd></div>
            <div><dt>{td_string!(locale, forecast_won)}</dt><dd>{f.deals_won}</dd></div>
            {f.forecast.as_ref().map(|c| view! {
                <div><dt>{td_string!(locale, forecast_expected)}</dt><dd>{deals(c.expected, 1)}</dd></div>
                <div><dt>{td_string!(locale, forecast_band)}</dt>
                    <dd>{format!("{}–{}", decimal(c.low, 1, locale), decimal(c.high, 1, locale))}</dd></div>
                <div><dt>{td_string!(locale, forecast_next)}</dt><dd data-testid="forecast-next">{deals(c.next_meeting_adds, 2)}</dd></div>
            })}
        </dl>
    };
    let body = match &f.forecast {
        Some(c) => explained(c, f, locale).into_any(),
        None => view! { <p class="notice">{td_string!(locale, forecast_not_enough)}</p> }.into_any(),
    };
    view! {
        <a class="back-link" href=format!("/asiakkuus/{}", account.0)>"‹ " {td_string!(locale, back_to_account)}</a>
        <h1>{title.to_string()}</h1>
        <section class="section forecast">
            {figures}
            {body}
        </section>
    }
    .to_html()
}

/// The sentences that say what the curve means, the chart, and how far it can be trusted.
fn explained(c: &Forecast, f: &AccountForecast, locale: Locale) -> impl IntoView {
    // 0.1 reads "0,1", an admin's 0.05 "0,05".
    let places = if ((c.worth * 100.0).round() as i64) % 10 == 0 {
        1
    } else {
        2
    };
    let worth = decimal(c.worth, places, locale);
    let turning = match c.turning_point {
        Some(1) => {
            let worth = worth.clone();
            td!(locale, forecast_turning_one, worth = move || worth.clone()).into_any()
        }
        Some(n) => {
            let worth = worth.clone();
            td!(
                locale,
                forecast_turning,
                n = move || n,
                worth = move || worth.clone()
            )
            .into_any()
        }
        None => td!(locale, forecast_no_turning, worth = move || worth.clone()).into_any(),
    };
    let where_now = c.turning_point.map(|n| {
        if c.meetings >= n {
            td_string!(locale, forecast_past_turning).to_string()
        } else {
            td_string!(locale, forecast_before_turning).to_string()
        }
    });
    let half_at = decimal(c.half_at, 0, locale);
    let half = td!(locale, forecast_half, half = move || half_at.clone());
    let own = match c.years_of_record {
        0 => td!(locale, forecast_own_none).into_any(),
        1 => td!(locale, forecast_own_little_one).into_any(),
        2 => td!(locale, forecast_own_little, n = move || 2).into_any(),
        n => td!(locale, forecast_own_much, n = move || n).into_any(),
    };
    let years = f.account_years;
    let pooled = td!(locale, forecast_pooled, years = move || years);
    let tested = f.backtest.as_ref().map(|b| {
        let count = b.predictions;
        let forecast = decimal(b.forecast_error, 2, locale);
        let naive = decimal(b.naive_error, 2, locale);
        if count == 1 {
            td!(
                locale,
                forecast_backtest_one,
                forecast = move || forecast.clone(),
                naive = move || naive.clone()
            )
            .into_any()
        } else {
            td!(
                locale,
                forecast_backtest,
                count = move || count,
                forecast = move || forecast.clone(),
                naive = move || naive.clone()
            )
            .into_any()
        }
    });
    view! {
        <p class="forecast-lead" data-testid="forecast-explanation">{turning}</p>
        {where_now.map(|s| view! { <p>{s}</p> })}
        {chart(c, locale)}
        <h2>{td_string!(locale, forecast_how)}</h2>
        <p>{half}</p>
        <p>{pooled} " " {own}</p>
        <p>{td_string!(locale, forecast_band_means)}</p>
        {tested.map(|s| view! { <p data-testid="forecast-backtest">{s}</p> })}
    }
}

// The chart's frame, in SVG units: it scales to the page's width.
const W: f64 = 320.0;
const H: f64 = 200.0;
const LEFT: f64 = 30.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 10.0;
const RIGHT: f64 = 10.0;

/// The curve of expected deals by meetings, this account's past years as dots, this year's
/// meetings as a bar over the 80 % band, and the turning point as a dashed line.
fn chart(c: &Forecast, locale: Locale) -> impl IntoView {
    let span = c.curve.len().saturating_sub(1).max(1) as f64;
    let past_max = c.history.iter().map(|y| f64::from(y.deals)).fold(0.0, f64::max);
    let curve_max = c.curve.iter().copied().fold(0.0, f64::max);
    let top = curve_max.max(c.high).max(past_max).max(1.0).ceil();
    let x = move |m: f64| LEFT + (m.min(span) / span) * (W - LEFT - RIGHT);
    let y = move |d: f64| H - BOTTOM - (d / top) * (H - BOTTOM - TOP);
    let points = c
        .curve
        .iter()
        .enumerate()
        .map(|(m, d)| format!("{:.1},{:.1}", x(m as f64), y(*d)))
        .collect::<Vec<_>>()
        .join(" ");
    let x_step = if span > 20.0 { 10 } else { 5 };
    let x_ticks = (0..=span as u32).step_by(x_step).map(move |m| {
        view! { <text class="chart-tick" x=format!("{:.1}", x(f64::from(m))) y=format!("{:.1}", H - 8.0) text-anchor="middle">{m}</text> }
    });
    let y_step = (top / 4.0).ceil().max(1.0) as u32;
    let y_ticks = (0..=top as u32).step_by(y_step as usize).map(move |d| {
        view! { <text class="chart-tick" x=format!("{:.1}", LEFT - 6.0) y=format!("{:.1}", y(f64::from(d)) + 4.0) text-anchor="end">{d}</text> }
    });
    let past = c.history.iter().map(move |p| {
        view! { <circle class="chart-past" cx=format!("{:.1}", x(f64::from(p.meetings))) cy=format!("{:.1}", y(f64::from(p.deals))) r="3" /> }
    }).collect::<Vec<_>>();
    let now_x = format!("{:.1}", x(f64::from(c.meetings)));
    let turn = c.turning_point.map(|t| {
        let tx = format!("{:.1}", x(f64::from(t)));
        view! {
            <line class="chart-turn" x1=tx.clone() x2=tx.clone() y1=format!("{TOP:.1}") y2=format!("{:.1}", H - BOTTOM) />
            <text class="chart-tick" x=tx y=format!("{:.1}", TOP + 8.0) text-anchor="middle">{td_string!(locale, forecast_turning_mark)}</text>
        }
    });
    let label = td_string!(locale, forecast_chart_label).to_string();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=label.clone() data-testid="forecast-chart">
                <line class="chart-axis" x1=format!("{LEFT}") x2=format!("{}", W - RIGHT) y1=format!("{}", H - BOTTOM) y2=format!("{}", H - BOTTOM) />
                <line class="chart-axis" x1=format!("{LEFT}") x2=format!("{LEFT}") y1=format!("{TOP}") y2=format!("{}", H - BOTTOM) />
                {x_ticks.collect::<Vec<_>>()}
                {y_ticks.collect::<Vec<_>>()}
                {turn}
                {past}
                <polyline class="chart-curve" points=points />
                <line class="chart-band" x1=now_x.clone() x2=now_x.clone() y1=format!("{:.1}", y(c.low)) y2=format!("{:.1}", y(c.high)) />
                <circle class="chart-now" cx=now_x cy=format!("{:.1}", y(c.expected)) r="5" />
            </svg>
            <figcaption class="muted">{label}</figcaption>
        </figure>
    }
}
