// The OpenAPI 3.1 document of the service (GET /v1/openapi.json): every route of the route table,
// its parameters, bodies, responses and schemas, with examples a test sends and checks.
#pragma once
#include <string>

namespace rehab::server {

const std::string& openapi_document();

}  // namespace rehab::server
