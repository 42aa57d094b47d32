mod login;
mod set_password;
pub use login::LoginPage;
pub use set_password::SetPasswordPage;
