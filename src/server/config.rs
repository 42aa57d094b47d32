//! Settings from flags and environment variables (flags win).

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Parser)]
#[command(name = "kamu", about = "Kamu: the key account director's pocket companion")]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "KAMU_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// SQLite database file; created with its schema on first start.
    #[arg(long, env = "KAMU_DB", default_value = "./kamu.db")]
    pub db: PathBuf,

    /// Create the demo data (its logins and password are published in the README), wiping what
    /// the database holds. Refused when the database holds real data, unless --wipe-real-data
    /// is given too. Without --demo a new database starts empty.
    #[arg(long, env = "KAMU_DEMO", default_value_t = false)]
    pub demo: bool,

    /// With --demo: wipe the database even when it holds real (non-demo) data.
    #[arg(long, requires = "demo", default_value_t = false)]
    pub wipe_real_data: bool,

    /// Size of the demo data: 1 = ~100 accounts and ~3,000 sites; 10 for benchmarks.
    #[arg(long, env = "KAMU_DEMO_SCALE", default_value_t = 1.0)]
    pub demo_scale: f64,

    /// Add an administrator (or make this person one) and print a one-time link for choosing
    /// a password, then exit: how the first person gets into a new database.
    #[arg(long, value_name = "EMAIL")]
    pub add_admin: Option<String>,

    /// With --add-admin: the administrator's name.
    #[arg(long, requires = "add_admin", default_value = "Pääkäyttäjä")]
    pub admin_name: String,

    /// Copy the database into FILE (a consistent snapshot, taken while Kamu runs) and exit.
    #[arg(long, value_name = "FILE")]
    pub backup: Option<PathBuf>,

    /// Sign-in lasts this many days without use.
    #[arg(long, env = "KAMU_SESSION_DAYS", default_value_t = 14)]
    pub session_days: i64,

    /// Take the client's address for sign-in throttling from this header (e.g. X-Forwarded-For,
    /// its last entry) instead of the connection: set it only behind a reverse proxy that
    /// writes that header.
    #[arg(long, env = "KAMU_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,

    /// Mark the session cookie Secure and send HSTS (set behind HTTPS).
    #[arg(long, env = "KAMU_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// Where the built site (pkg/, icons, manifest) is; cargo-leptos writes it to target/site.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Accept plain-HTTP Web Push endpoints (only for tests with a local push endpoint).
    #[arg(long, env = "KAMU_PUSH_ALLOW_HTTP", default_value_t = false)]
    pub push_allow_http: bool,

    /// Import the billing system's site file (CSV) and exit: shows what it would change;
    /// with --apply, applies it (all rows or none).
    #[arg(long, value_name = "FILE")]
    pub import_sites: Option<PathBuf>,

    /// With --import-sites: apply the file instead of only previewing it.
    #[arg(long, requires = "import_sites", default_value_t = false)]
    pub apply: bool,

    /// The address people use to reach Kamu (e.g. https://kamu.example.fi): sign-in with the
    /// identity provider returns here, and e-mails link here. Defaults to http://LISTEN.
    #[arg(long, env = "KAMU_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Sign-in with OpenID Connect (e.g. Microsoft Entra ID:
    /// https://login.microsoftonline.com/TENANT/v2.0): the provider's issuer URL.
    #[arg(long, env = "KAMU_OIDC_ISSUER", requires_all = ["oidc_client_id", "oidc_client_secret", "public_url"])]
    pub oidc_issuer: Option<String>,

    /// With --oidc-issuer: Kamu's client id at the provider.
    #[arg(long, env = "KAMU_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,

    /// With --oidc-issuer: Kamu's client secret at the provider.
    #[arg(long, env = "KAMU_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,

    /// With --oidc-issuer: trust the e-mail the provider states even when it does not say it is
    /// verified (Microsoft Entra ID does not send `email_verified`; set this for a single-tenant
    /// issuer, whose directory the company runs). Entra's `xms_edov` counts as verified anyway.
    #[arg(
        long,
        env = "KAMU_OIDC_TRUST_EMAIL",
        requires = "oidc_issuer",
        default_value_t = false
    )]
    pub oidc_trust_email: bool,

    /// Turn password sign-in off (everyone signs in with the identity provider).
    #[arg(
        long,
        env = "KAMU_NO_PASSWORDS",
        requires = "oidc_issuer",
        default_value_t = false
    )]
    pub no_passwords: bool,

    /// E-mail for urgent bulletins nobody acknowledged in time, and mentions for those who
    /// asked: the SMTP server, e.g. smtps://USER:PASSWORD@smtp.example.fi:465 (TLS),
    /// smtp://USER:PASSWORD@smtp.example.fi:587?tls=required (STARTTLS).
    #[arg(long, env = "KAMU_SMTP_URL", hide_env_values = true, requires_all = ["mail_from", "public_url"])]
    pub smtp_url: Option<String>,

    /// With --smtp-url: a certificate authority (PEM file) to trust besides the public ones,
    /// for a mail server with a certificate of the company's own.
    #[arg(long, env = "KAMU_SMTP_CA", requires = "smtp_url")]
    pub smtp_ca: Option<PathBuf>,

    /// How often the e-mail loop looks for due bulletins and waiting e-mails (seconds).
    #[arg(long, hide = true, default_value_t = 30)]
    pub email_every_secs: u64,

    /// With --smtp-url: the sender, e.g. "Kamu <kamu@example.fi>".
    #[arg(long, env = "KAMU_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// "Today" for the app, d.m.yyyy or yyyy-mm-dd; only for demos and tests.
    #[arg(long, env = "KAMU_TODAY")]
    pub today: Option<String>,
}

impl Config {
    /// Settings for tests: a given database, no demo unless asked.
    pub fn for_tests(db: PathBuf) -> Config {
        Config::parse_from(["kamu", "--db", db.to_str().unwrap_or("kamu-test.db")])
    }
}
