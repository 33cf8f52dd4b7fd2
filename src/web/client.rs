//! The client's address, for throttling. Behind a reverse proxy (TRUST_PROXY=1)
//! it comes from `X-Forwarded-For`; otherwise from the socket, which a client
//! cannot forge.

use std::future::{ready, Ready};

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};

use crate::web::error::AppError;
use crate::AppState;

#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequest for ClientIp {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trust_proxy = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|state| state.config.trust_proxy);
        let address = if trust_proxy {
            req.connection_info().realip_remote_addr().map(|addr| {
                addr.parse::<std::net::SocketAddr>()
                    .map_or_else(|_| addr.to_string(), |socket| socket.ip().to_string())
            })
        } else {
            req.peer_addr().map(|a| a.ip().to_string())
        };
        ready(Ok(ClientIp(
            address.unwrap_or_else(|| "unknown".to_string()),
        )))
    }
}
