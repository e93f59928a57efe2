"""daprd's two error body shapes (contract §0) as an exception the HTTP layer turns into a reply."""

from __future__ import annotations

import json

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
RESOURCE_INFO = "type.googleapis.com/google.rpc.ResourceInfo"


class ApiError(Exception):
    def __init__(self, status: int, body: dict, headers: dict | None = None):
        super().__init__(body.get("message", ""))
        self.status = status
        self.body = body
        self.headers = headers or {}

    def payload(self) -> bytes:
        return json.dumps(self.body, separators=(",", ":")).encode()


def legacy(status: int, code: str, message: str) -> ApiError:
    """{"errorCode","message"} (pkg/messages JSONErrorValue)."""
    return ApiError(status, {"errorCode": code, "message": message})


def rich(
    status: int,
    code: str,
    message: str,
    reason: str,
    metadata: dict | None = None,
    resource: tuple[str, str] | None = None,
) -> ApiError:
    """kit errors JSON: errorCode is the legacy tag, or the ErrorInfo reason when there is none."""
    details: list[dict] = [
        {"@type": ERROR_INFO, "reason": reason, "domain": "dapr.io", "metadata": metadata or {}}
    ]
    if resource:
        details.append(
            {
                "@type": RESOURCE_INFO,
                "resource_type": resource[0],
                "resource_name": resource[1],
                "owner": "",
                "description": message,
            }
        )
    return ApiError(status, {"errorCode": code or reason, "message": message, "details": details})


def pubsub(status: int, code: str, message: str, suffix: str, name: str, metadata=None, resource=True):
    """pkg/api/errors PubSubMetadataError.build: reason DAPR_PUBSUB_<suffix>."""
    return rich(
        status, code, message, "DAPR_PUBSUB_" + suffix, metadata, ("pubsub", name) if resource else None
    )


def direct_invoke_fallback() -> ApiError:
    return legacy(
        404,
        "ERR_DIRECT_INVOKE",
        "failed getting app id either from the URL path or the header dapr-app-id",
    )
