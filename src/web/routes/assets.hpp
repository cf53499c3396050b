#pragma once
// The design system's files (CSS, JavaScript, fonts, images), vendored through npm, served
// from /assets/ds-VERSION/ with a year's caching: the version in the path changes with them.
#include "web/routes/router.hpp"

namespace waymark::web {

Response get_asset(const Request& request, AppContext& context, const Params& params);

}  // namespace waymark::web
