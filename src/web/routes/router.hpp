#pragma once
// A small router: a method and a path pattern whose segments are literals or {params}
// ("/children/{council}/{child_id}"); a pattern ending in "/{rest...}" takes the rest of the path.
#include "web/routes/http.hpp"

#include <functional>
#include <string>
#include <vector>

namespace waymark::web {

struct AppContext;

using Params = Fields;
using Handler = std::function<Response(const Request&, AppContext&, const Params&)>;

struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
};

struct Match {
    const Route* route = nullptr;
    Params params;
    std::vector<std::string> allowed;  // methods of routes whose pattern matched, when none had this method
};

class Router {
public:
    void add(std::string method, std::string pattern, Handler handler);
    [[nodiscard]] Match match(std::string_view method, std::string_view path) const;
    [[nodiscard]] const std::vector<Route>& routes() const noexcept { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace waymark::web
