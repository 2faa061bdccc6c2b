//! The Flatchr endpoints, one struct and one [`Endpoint`] impl each.

use std::fmt;

use tsify::Tsify;

use crate::encoding::percent_encode;
use crate::endpoint::{Answer, Endpoint, Output, Route};
use crate::error::{Error, Provider};
use crate::http::List;
use crate::input::{Input, Object};
use crate::text::msg;
use crate::url::Segment;

use super::models::{
    check_new_message, FlatchrMessage, FlatchrSession, FLATCHR_MESSAGE, FLATCHR_SESSION,
};

/// `GET /company/:companyId/applicant/:applicantId/messages?fields=...`.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ListFlatchrMessages {
    /// The company id.
    pub company_id: String,
    /// The applicant id.
    pub applicant_id: String,
    /// Sub-objects to include (`author`, `replied`, `mail`, `attachments`,
    /// `candidate`, or any other the server knows); omitted means the server's default.
    #[tsify(
        optional,
        type = "Array<\"author\" | \"replied\" | \"mail\" | \"attachments\" | \"candidate\" | (string & {})>"
    )]
    pub fields: Option<Vec<String>>,
}

/// `POST /company/:companyId/applicant/:applicantId/message`: send a message.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SendFlatchrMessage {
    /// The company id.
    pub company_id: String,
    /// The applicant id.
    pub applicant_id: String,
    /// What to send, as the JSON text `JSON.stringify` writes for it.
    #[tsify(type = "NewFlatchrMessage")]
    pub message: String,
}

/// `/company/:companyId/applicant/:applicantId/<last>`, ids checked.
fn applicant_path<'a>(
    company_id: &'a str,
    applicant_id: &'a str,
    last: &'static str,
) -> Result<Vec<Segment<'a>>, Error> {
    Ok(vec![
        Segment::Literal("company"),
        Segment::id("companyId", company_id)?,
        Segment::Literal("applicant"),
        Segment::id("applicantId", applicant_id)?,
        Segment::Literal(last),
    ])
}

/// The `fields` query value: names checked, duplicates removed, order kept.
pub fn fields_query(fields: &[String]) -> Result<String, Error> {
    let mut seen: Vec<&str> = Vec::with_capacity(fields.len());
    for field in fields {
        let name = field.trim();
        if name.is_empty()
            || crate::text::contains(name, ",")
            || field.chars().any(char::is_control)
        {
            return Err(Error::invalid_input(
                "fields",
                "each entry must be a non-empty name without commas, such as \"author\"",
            ));
        }
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    let mut query = String::new();
    for (i, name) in seen.into_iter().enumerate() {
        if i > 0 {
            query.push(',');
        }
        query.push_str(&percent_encode(name));
    }
    Ok(query)
}

impl Endpoint for ListFlatchrMessages {
    type Output = List<FlatchrMessage>;
    const DECODE: Answer = Answer::Json(Output::List(&FLATCHR_MESSAGE));
    const PROVIDER: Provider = Provider::Flatchr;
    const KEYS: &'static [&'static str] = &["companyId", "applicantId", "fields"];

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(ListFlatchrMessages {
            company_id: options.required_string("companyId")?,
            applicant_id: options.required_string("applicantId")?,
            fields: options.strings("fields")?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        let mut route = Route::get(applicant_path(
            &self.company_id,
            &self.applicant_id,
            "messages",
        )?);
        if let Some(fields) = &self.fields {
            let query = fields_query(fields)?;
            if !query.is_empty() {
                route.query = Some(msg!("fields=", query));
            }
        }
        Ok(route)
    }
}

impl Endpoint for SendFlatchrMessage {
    type Output = FlatchrMessage;
    const DECODE: Answer = Answer::Json(Output::One(&FLATCHR_MESSAGE));
    const PROVIDER: Provider = Provider::Flatchr;
    const KEYS: &'static [&'static str] = &["companyId", "applicantId", "message"];

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        let company_id = options.required_string("companyId")?;
        let applicant_id = options.required_string("applicantId")?;
        let message = options.required_object("message")?.to_json()?;
        Ok(SendFlatchrMessage {
            company_id,
            applicant_id,
            message: message.ok_or_else(|| options.error("message", "must be an object"))?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        let path = applicant_path(&self.company_id, &self.applicant_id, "message")?;
        check_new_message(&self.message)?;
        Ok(Route::post(path, self.message.clone()))
    }
}

/// `POST /user/login`: a user token (which sending needs), from an e-mail and
/// password. Sent without any `Authorization` header.
#[derive(Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FlatchrLogIn {
    /// The account e-mail.
    pub email: String,
    /// The password (never shown in an error or a log).
    pub password: String,
}

impl fmt::Debug for FlatchrLogIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FlatchrLogIn { email: [redacted], password: [redacted] }")
    }
}

impl Endpoint for FlatchrLogIn {
    type Output = FlatchrSession;
    const DECODE: Answer = Answer::Json(Output::One(&FLATCHR_SESSION));
    const PROVIDER: Provider = Provider::Flatchr;
    const KEYS: &'static [&'static str] = &["email", "password"];
    const AUTHENTICATED: bool = false;

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(FlatchrLogIn {
            email: options.required_string("email")?,
            password: options.required_string("password")?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        Route::sign_in(
            vec![Segment::Literal("user"), Segment::Literal("login")],
            &self.email,
            &self.password,
        )
    }
}
