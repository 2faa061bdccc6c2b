//! The Flatchr endpoints, one value each.

use serde::Deserialize;

use crate::encoding::percent_encode;
use crate::error::Error;
use crate::http::{HttpRequest, Method, Secret};
use crate::options::CallOptions;
use crate::url::{check_id, BaseUrl, Segment};
use crate::Provider;

use super::models::NewFlatchrMessage;

/// The sub-objects `fields` can ask for.
pub const DOCUMENTED_FIELDS: [&str; 5] = ["author", "replied", "mail", "attachments", "candidate"];

/// `GET /company/:companyId/applicant/:applicantId/messages?fields=...`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ListFlatchrMessages {
    /// The company id.
    pub company_id: String,
    /// The applicant id.
    pub applicant_id: String,
    /// Sub-objects to include (`author`, `replied`, `mail`, `attachments`,
    /// `candidate`, or any other the server knows); omitted means the server's default.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(
            optional,
            type = "Array<\"author\" | \"replied\" | \"mail\" | \"attachments\" | \"candidate\" | (string & {})>"
        )
    )]
    pub fields: Option<Vec<String>>,
    /// Signal, timeouts and retries for this call.
    #[serde(flatten)]
    pub call: CallOptions,
}

/// `POST /company/:companyId/applicant/:applicantId/message`: send a message.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SendFlatchrMessage {
    /// The company id.
    pub company_id: String,
    /// The applicant id.
    pub applicant_id: String,
    /// What to send.
    pub message: NewFlatchrMessage,
    /// Signal, timeouts and retries for this call.
    #[serde(flatten)]
    pub call: CallOptions,
}

fn applicant_url(
    base: &BaseUrl,
    company_id: &str,
    applicant_id: &str,
    last: &'static str,
) -> Result<String, Error> {
    check_id("companyId", company_id)?;
    check_id("applicantId", applicant_id)?;
    Ok(base.join(&[
        Segment::Literal("company"),
        Segment::Id(company_id),
        Segment::Literal("applicant"),
        Segment::Id(applicant_id),
        Segment::Literal(last),
    ]))
}

/// The `fields` query value: names checked, duplicates removed, order kept.
pub fn fields_query(fields: &[String]) -> Result<String, Error> {
    let mut seen: Vec<&str> = Vec::with_capacity(fields.len());
    for field in fields {
        let name = field.trim();
        if name.is_empty() || name.contains(',') || field.chars().any(char::is_control) {
            return Err(Error::invalid_input(
                "fields",
                "each entry must be a non-empty name without commas, such as \"author\"",
            ));
        }
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    Ok(seen
        .iter()
        .map(|f| percent_encode(f))
        .collect::<Vec<_>>()
        .join(","))
}

impl ListFlatchrMessages {
    /// The request description; ids and fields are checked first.
    pub fn build(&self, base: &BaseUrl, auth: &Secret) -> Result<HttpRequest, Error> {
        let mut url = applicant_url(base, &self.company_id, &self.applicant_id, "messages")?;
        if let Some(fields) = &self.fields {
            let query = fields_query(fields)?;
            if !query.is_empty() {
                url.push_str("?fields=");
                url.push_str(&query);
            }
        }
        Ok(HttpRequest {
            provider: Provider::Flatchr,
            method: Method::Get,
            url,
            authorization: auth.clone(),
            body: None,
        })
    }
}

impl SendFlatchrMessage {
    /// The request description; ids and the message are checked first.
    pub fn build(&self, base: &BaseUrl, auth: &Secret) -> Result<HttpRequest, Error> {
        let url = applicant_url(base, &self.company_id, &self.applicant_id, "message")?;
        self.message.validate()?;
        Ok(HttpRequest {
            provider: Provider::Flatchr,
            method: Method::Post,
            url,
            authorization: auth.clone(),
            body: Some(self.message.to_wire_json()),
        })
    }
}
