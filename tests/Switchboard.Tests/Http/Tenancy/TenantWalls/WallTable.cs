namespace Switchboard.Tests.Http.TenantWalls;

/// <summary>Who calls. PBX is a PBX user of client A1; Anon sends no credentials at all.</summary>
public enum Role { Admin, ResA, ResB, A1, A2, Pbx, Anon }

/// <summary>
/// Whose thing a route value (or a body's clientId/resellerId) names: a client's (A1, A2 under reseller
/// A; B1 under reseller B), a reseller's (RA, RB), the system's (Sys), or an ID nothing has (Missing).
/// None: the request names nothing.
/// </summary>
public enum Owner { None, A1, A2, B1, RA, RB, Sys, Missing }

/// <summary>What kind of thing a probe names, by its placeholder: {user}, {profile}, {template}, ...</summary>
public enum Kind { None, User, Profile, Template, Import, Client, Reseller, PhoneModel, Account }

/// <summary>How a caller stands to a thing: its scope owns it, sees it (owned by another scope), or it is hidden.</summary>
public enum Stand { Own, Sees, Hidden }

/// <summary>
/// THE table: every API endpoint and every page handler, the request that probes it, and the answer each
/// role gets. A cell is one answer for every owner, or "own+sees|hidden", or "own|sees|hidden" (see
/// <see cref="Scope.Of"/> for who owns and sees what). An answer is a status, and for a redirect the
/// path it leads to ("302>/login"; digits stand for any ID). Missing IDs are always "hidden", and the
/// test also checks that every hidden owner's answer is byte for byte the missing ID's answer (IDs
/// masked) — "not yours" looks exactly like "does not exist".
/// <para>
/// In paths, {user}, {profile}, {template}, {import}, {client}, {reseller} and {phoneModel} are filled
/// with the ID of that owner's standing thing; {user!} etc. with a thing created fresh for the one call
/// (deletes). A body's clientId/resellerId names the owner the same way (Body.Kind).
/// </para>
/// </summary>
public static class WallTable
{
    public static readonly Role[] Roles = [Role.Admin, Role.ResA, Role.ResB, Role.A1, Role.A2, Role.Pbx, Role.Anon];

    public static readonly Rule[] Api =
    [
        //  endpoint (as the app's endpoint data source names it)   path probed                                 admin       resA          resB          A1            A2            pbx     anon
        R("* /healthz",                                      "/healthz",                                        "200",      "200",        "200",        "200",        "200",        "200",  "200"),
        R("* /readyz",                                       "/readyz",                                         "200",      "200",        "200",        "200",        "200",        "200",  "200"),
        R("GET /openapi/{documentName}.json",                "/openapi/v1.json",                                "200",      "200",        "200",        "200",        "200",        "200",  "200"),
        R("GET /api/reference/{documentName?}",              "/api/reference/",                                 "200",      "200",        "200",        "200",        "200",        "200",  "200"),
        R("GET /api/reference/scalar.js",                    "/api/reference/scalar.js",                        "200",      "200",        "200",        "200",        "200",        "200",  "200"),
        R("GET /api/reference/scalar.aspnetcore.js",         "/api/reference/scalar.aspnetcore.js",             "200",      "200",        "200",        "200",        "200",        "200",  "200"),
        R("GET /api/reference/favicon.svg",                  "/api/reference/favicon.svg",                      "200",      "200",        "200",        "200",        "200",        "200",  "200"),
        R("POST /api/v1/auth/token",                         "/api/v1/auth/token",                              "200",      "200",        "200",        "200",        "200",        "200",  "401", body: Bodies.Token),
        R("GET /api/v1/me",                                  "/api/v1/me",                                      "200",      "200",        "200",        "200",        "200",        "200",  "401"),
        R("GET /api/v1/me/settings",                         "/api/v1/me/settings",                             "404",      "404",        "404",        "404",        "404",        "200",  "401"),
        R("PUT /api/v1/me/settings",                         "/api/v1/me/settings",                             "404",      "404",        "404",        "404",        "404",        "200",  "401", body: Bodies.Settings),
        R("POST /api/v1/me/sign-out-everywhere",             "/api/v1/me/sign-out-everywhere",                  "204",      "204",        "204",        "204",        "204",        "204",  "401", endsSessions: true),

        R("GET /api/v1/resellers",                           "/api/v1/resellers",                               "200",      "200",        "200",        "403",        "403",        "403",  "401"),
        R("GET /api/v1/resellers/{id:int}",                  "/api/v1/resellers/{reseller}",                    "200|404",  "200|404",    "200|404",    "404",        "404",        "404",  "401"),
        R("POST /api/v1/resellers",                          "/api/v1/resellers",                               "201",      "403",        "403",        "403",        "403",        "403",  "401", body: Bodies.Reseller),
        R("PUT /api/v1/resellers/{id:int}",                  "/api/v1/resellers/{reseller}",                    "200|404",  "403|404",    "403|404",    "404",        "404",        "404",  "401", body: Bodies.ResellerRename),
        // Standing resellers and clients are never empty, so a delete the role may make answers 409 (the 204 is tested in Lifecycle).
        R("DELETE /api/v1/resellers/{id:int}",               "/api/v1/resellers/{reseller}",                    "409|404",  "403|404",    "403|404",    "404",        "404",        "404",  "401"),
        R("GET /api/v1/clients",                             "/api/v1/clients",                                 "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/clients/{id:int}",                    "/api/v1/clients/{client}",                        "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401"),
        R("POST /api/v1/clients",                            "/api/v1/clients",                                 "201|400",  "201|404",    "201|404",    "403",        "403",        "403",  "401", body: Bodies.Client),
        R("PUT /api/v1/clients/{id:int}",                    "/api/v1/clients/{client}",                        "200|404",  "200|404",    "200|404",    "403|404",    "403|404",    "404",  "401", body: Bodies.ClientChange),
        R("DELETE /api/v1/clients/{id:int}",                 "/api/v1/clients/{client}",                        "409|404",  "409|404",    "409|404",    "403|404",    "403|404",    "404",  "401"),
        R("GET /api/v1/accounts",                            "/api/v1/accounts",                                "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("POST /api/v1/accounts",                           "/api/v1/accounts",                                "201|404",  "201|404",    "201|404",    "201|404",    "201|404",    "403",  "401", body: Bodies.ClientAccount),
        R("POST /api/v1/accounts",                           "/api/v1/accounts",                                "201|404",  "201|404",    "201|404",    "404",        "404",        "403",  "401", body: Bodies.ResellerAccount),
        R("PUT /api/v1/accounts/{id:int}",                   "/api/v1/accounts/{account}",                      "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401", body: Bodies.AccountPassword),
        R("PUT /api/v1/accounts/{id:int}",                   "/api/v1/accounts/{account!}",                     "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401", body: Bodies.AccountDisable),
        R("DELETE /api/v1/accounts/{id:int}",                "/api/v1/accounts/{account!}",                     "204|404",  "204|404",    "204|404",    "204|404",    "204|404",    "404",  "401"),

        R("GET /api/v1/phone-models",                        "/api/v1/phone-models",                            "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/phone-models/{id:int}",               "/api/v1/phone-models/{phoneModel}",               "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401"),
        R("POST /api/v1/phone-models",                       "/api/v1/phone-models",                            "201",      "403",        "403",        "403",        "403",        "403",  "401", body: Bodies.PhoneModel),
        R("PUT /api/v1/phone-models/{id:int}",               "/api/v1/phone-models/{phoneModel}",               "200|404",  "403|404",    "403|404",    "403|404",    "403|404",    "404",  "401", body: Bodies.PhoneModelRename),
        R("DELETE /api/v1/phone-models/{id:int}",            "/api/v1/phone-models/{phoneModel}",               "409|404",  "403|404",    "403|404",    "403|404",    "403|404",    "404",  "401"),
        R("GET /api/v1/provisioning-templates",              "/api/v1/provisioning-templates",                  "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/provisioning-templates/{id:int}",     "/api/v1/provisioning-templates/{template}",       "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401"),
        R("POST /api/v1/provisioning-templates",             "/api/v1/provisioning-templates",                  "201",      "201",        "201",        "201",        "201",        "403",  "401", body: Bodies.NewTemplate),
        R("PUT /api/v1/provisioning-templates/{id:int}",     "/api/v1/provisioning-templates/{template}",       "200|404",  "200|403|404","200|403|404","200|403|404","200|403|404","404",  "401", body: Bodies.Template),
        R("DELETE /api/v1/provisioning-templates/{id:int}",  "/api/v1/provisioning-templates/{template!}",      "204|404",  "204|403|404","204|403|404","204|403|404","204|403|404","404",  "401"),
        // {sysTemplate}: the system's standing template, which every administrator may preview, so the user's owner decides.
        R("GET /api/v1/provisioning-templates/{id:int}/preview", "/api/v1/provisioning-templates/{sysTemplate}/preview?userId={user}", "200|404", "200|404", "200|404", "200|404", "200|404", "404", "401"),
        R("GET /api/v1/provisioning-templates/{id:int}/preview", "/api/v1/provisioning-templates/{template}/preview?userId=987654321", "404", "404", "404", "404", "404", "404", "401"),
        R("GET /api/v1/user-profiles",                       "/api/v1/user-profiles",                           "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/user-profiles",                       "/api/v1/user-profiles?clientId={client}",         "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/user-profiles/{id:int}",              "/api/v1/user-profiles/{profile}",                 "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401"),
        R("POST /api/v1/user-profiles",                      "/api/v1/user-profiles",                           "201|404",  "403|404",    "403|404",    "201|404",    "201|404",    "403",  "401", body: Bodies.NewProfile),
        R("PUT /api/v1/user-profiles/{id:int}",              "/api/v1/user-profiles/{profile}",                 "200|404",  "403|404",    "403|404",    "200|404",    "200|404",    "404",  "401", body: Bodies.Profile),
        R("DELETE /api/v1/user-profiles/{id:int}",           "/api/v1/user-profiles/{profile!}",                "204|404",  "403|404",    "403|404",    "204|404",    "204|404",    "404",  "401"),

        R("GET /api/v1/users",                               "/api/v1/users",                                   "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/users",                               "/api/v1/users?clientId={client}",                 "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/users/{id:int}",                      "/api/v1/users/{user}",                            "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401"),
        R("GET /api/v1/users/{id:int}",                      "/api/v1/users/{user}?includeSecrets=true",        "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401"),
        R("POST /api/v1/users",                              "/api/v1/users",                                   "201|404",  "403",        "403",        "201|404",    "201|404",    "403",  "401", body: Bodies.NewUser),
        R("PUT /api/v1/users/{id:int}",                      "/api/v1/users/{user}",                            "200|404",  "403|404",    "403|404",    "200|404",    "200|404",    "404",  "401", body: Bodies.User),
        R("DELETE /api/v1/users/{id:int}",                   "/api/v1/users/{user!}",                           "204|404",  "403|404",    "403|404",    "204|404",    "204|404",    "404",  "401"),
        R("GET /api/v1/registrations",                       "/api/v1/registrations",                           "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/registrations",                       "/api/v1/registrations?clientId={client}",         "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "403",  "401"),
        R("POST /api/v1/users/{id:int}/resync",              "/api/v1/users/{user}/resync",                     "202|404",  "202|404",    "202|404",    "202|404",    "202|404",    "404",  "401"),
        R("POST /api/v1/users/resync",                       "/api/v1/users/resync",                            "202|404",  "202|404",    "202|404",    "202|404",    "202|404",    "403",  "401", body: Bodies.Resync),
        R("GET /api/v1/users/export",                        "/api/v1/users/export",                            "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/users/export",                        "/api/v1/users/export?clientId={client}&includeSecrets=true", "200|404", "200|404", "200|404", "200|404", "200|404", "403",  "401"),
        R("POST /api/v1/users/import",                       "/api/v1/users/import",                            "403",      "403",        "403",        "202",        "202",        "403",  "401", body: Bodies.ImportFile),
        R("GET /api/v1/imports",                             "/api/v1/imports",                                 "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/imports",                             "/api/v1/imports?clientId={client}",               "200",      "200",        "200",        "200",        "200",        "403",  "401"),
        R("GET /api/v1/imports/{id:int}",                    "/api/v1/imports/{import}",                        "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401"),
        R("GET /api/v1/imports/{id:int}/failed-rows.csv",    "/api/v1/imports/{import}/failed-rows.csv",        "200|404",  "200|404",    "200|404",    "200|404",    "200|404",    "404",  "401"),
        R("POST /api/v1/imports/{id:int}/undo",              "/api/v1/imports/{import!}/undo",                  "403",      "403",        "403",        "202|404",    "202|404",    "403",  "401"),

        R("GET /api/v1/audit",                               "/api/v1/audit?pageSize=500",                      "200",      "200",        "200",        "200",        "200",        "403",  "401", ownReadsMoveIt: true),
        R("GET /api/v1/audit",                               "/api/v1/audit?userId={user}",                     "200",      "200",        "200",        "200",        "200",        "403",  "401", ownReadsMoveIt: true),
        R("GET /api/v1/audit",                               "/api/v1/audit?clientId={client}&from=2000-01-01&to=2000-01-01", "200|404", "200|404", "200|404", "200|404", "200|404", "403", "401"),

        // Provisioning: a reseller's credentials (platform and reseller administrators; clients and users 403), and the
        // phones' own endpoint, which answers plain HTTP (the test server's) with 403 before it looks at anything else.
        R("GET /api/v1/resellers/{id:int}/provisioning",     "/api/v1/resellers/{reseller}/provisioning",       "200|404",  "200|404",    "200|404",    "403",        "403",        "403",  "401"),
        R("POST /api/v1/resellers/{id:int}/provisioning/password", "/api/v1/resellers/{reseller}/provisioning/password", "200|404", "200|404", "200|404", "403",   "403",        "403",  "401"),
        R("DELETE /api/v1/resellers/{id:int}/provisioning/previous-password", "/api/v1/resellers/{reseller}/provisioning/previous-password", "200|404", "200|404", "200|404", "403", "403", "403", "401"),
        R("GET /provisioning/{file}",                        "/provisioning/001565a1b2c3.cfg",                  "403",      "403",        "403",        "403",        "403",        "403",  "403"),
    ];

    // Pages answer with the cookie of a sign-in through /login. "302>/" is also how a page refuses a role
    // (Forbid sends it to the start page, "/", which sends each role on to Users or My settings).
    public static readonly Rule[] Pages =
    [
        //  endpoint (page route, handler)                   path probed                          admin                resA                 resB                 A1                   A2                   pbx          anon
        R("GET /",                                           "/",                                 "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login"),
        R("GET /login",                                      "/login",                            "200",               "200",               "200",               "200",               "200",               "200",       "200"),
        R("POST /login",                                     "/login",                            "302>/",             "302>/",             "302>/",             "302>/",             "302>/",             "302>/",     "200", body: Bodies.LoginForm, done: "302>/"),
        R("GET /logout",                                     "/logout",                           "302>/",             "302>/",             "302>/",             "302>/",             "302>/",             "302>/",     "302>/login"),
        R("POST /logout",                                    "/logout",                           "302>/login",        "302>/login",        "302>/login",        "302>/login",        "302>/login",        "302>/login","302>/login", body: Bodies.EmptyForm, endsSessions: true),
        R("GET /error/{code:int}",                           "/error/404",                        "404",               "404",               "404",               "404",               "404",               "404",       "404"),
        R("POST /error/{code:int}",                          "/error/404",                        "404",               "404",               "404",               "404",               "404",               "404",       "404", body: Bodies.EmptyForm),
        R("GET /me",                                         "/me",                               "200",               "200",               "200",               "200",               "200",               "200",       "302>/login"),
        R("POST /me",                                        "/me",                               "302>/users",        "302>/users",        "302>/users",        "302>/users",        "302>/users",        "302>/me",   "302>/login", body: Bodies.MeForm, done: "302>/me"),
        R("POST /me ?handler=SignOutEverywhere",             "/me?handler=SignOutEverywhere",     "302>/login",        "302>/login",        "302>/login",        "302>/login",        "302>/login",        "302>/login","302>/login", body: Bodies.EmptyForm, done: "302>/login", endsSessions: true),

        R("GET /users",                                      "/users",                            "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login"),
        R("GET /users",                                      "/users?ClientId={client}&Q=a",      "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login"),
        R("GET /users ?handler=Export",                      "/users?handler=Export",             "200",               "200",               "200",               "200",               "200",               "302>/",     "302>/login", done: "200"),
        R("GET /users ?handler=Export",                      "/users?handler=Export&ClientId={client}&includeSecrets=true", "200|404", "200|404", "200|404", "200|404", "200|404", "302>/",  "302>/login", done: "200"),
        // The list's filters (the dashboard links to them) narrow the caller's own users: another tenant's client or reseller shows nothing.
        R("GET /users",                                      "/users?ClientId={client}&Department=Sales&Device=desk&Registered=no&Fetched=never&Size=25&p=2", "200", "200", "200", "200", "200", "302>/me", "302>/login"),
        R("GET /users",                                      "/users?ResellerId={reseller}&Registered=yes&Fetched=recent&Device=softphone", "200", "200", "200", "200", "200", "302>/me", "302>/login"),
        R("POST /users ?handler=Export",                     "/users?handler=Export",             "200|404",           "200|404",           "200|404",           "200|404",           "200|404",           "302>/",     "302>/login", body: Bodies.ResyncForm, done: "200"),
        R("GET /users/delete",                               "/users/delete",                     "302>/users",        "302>/users",        "302>/users",        "302>/users",        "302>/users",        "302>/users","302>/login"),
        R("POST /users/delete",                              "/users/delete",                     "200|404",           "302>/|404",         "302>/|404",         "200|404",           "200|404",           "302>/",     "302>/login", body: Bodies.ResyncForm),
        R("POST /users/delete ?handler=Confirm",             "/users/delete?handler=Confirm&for={user!}", "302>/users|404", "302>/|404",   "302>/|404",         "302>/users|404",    "302>/users|404",    "302>/",     "302>/login", body: Bodies.ResyncForm, done: "302>/users"),
        R("POST /users ?handler=Resync",                     "/users?handler=Resync",             "302>/users|404",    "302>/users|404",    "302>/users|404",    "302>/users|404",    "302>/users|404",    "302>/",     "302>/login", body: Bodies.ResyncForm, done: "302>/users"),
        R("POST /users/edit/{id:int?} ?handler=Resync",      "/users/edit/{user}?handler=Resync", "302>/users/edit/1|404", "302>/",        "302>/",             "302>/users/edit/1|404", "302>/users/edit/1|404", "302>/", "302>/login", body: Bodies.EmptyForm, done: "302>/users/edit/1"),
        R("GET /users/edit/{id:int?}",                       "/users/edit",                       "404",               "302>/",             "302>/",             "200",               "200",               "302>/",     "302>/login"),
        R("GET /users/edit/{id:int?}",                       "/users/edit?clientId={client}",     "200|404",           "302>/",             "302>/",             "200|404",           "200|404",           "302>/",     "302>/login"),
        R("GET /users/edit/{id:int?}",                       "/users/edit/{user}",                "200|404",           "302>/",             "302>/",             "200|404",           "200|404",           "302>/",     "302>/login"),
        R("POST /users/edit/{id:int?}",                      "/users/edit?clientId={client}",     "302>/users|404",    "302>/",             "302>/",             "302>/users|404",    "302>/users|404",    "302>/",     "302>/login", body: Bodies.NewUserForm, done: "302>/users"),
        R("POST /users/edit/{id:int?}",                      "/users/edit/{user}",                "302>/users|404",    "302>/",             "302>/",             "302>/users|404",    "302>/users|404",    "302>/",     "302>/login", body: Bodies.UserForm, done: "302>/users"),
        R("POST /users/edit/{id:int?} ?handler=Delete",      "/users/edit/{user!}?handler=Delete","302>/users|404",    "302>/",             "302>/",             "302>/users|404",    "302>/users|404",    "302>/",     "302>/login", body: Bodies.EmptyForm, done: "302>/users"),

        R("GET /import",                                     "/import",                           "200",               "200",               "200",               "200",               "200",               "200",       "302>/login"),
        R("GET /import ?handler=Template",                   "/import?handler=Template",          "200",               "200",               "200",               "200",               "200",               "200",       "302>/login"),
        R("POST /import",                                    "/import",                           "200",               "200",               "200",               "302>/imports/1",    "302>/imports/1",    "200",       "302>/login", body: Bodies.ImportForm, done: "302>/imports/1"),
        R("GET /imports",                                    "/imports",                          "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login"),
        R("GET /imports/{id:int}",                           "/imports/{import}",                 "200|404",           "200|404",           "200|404",           "200|404",           "200|404",           "404",       "302>/login"),
        R("GET /imports/{id:int} ?handler=Status",           "/imports/{import}?handler=Status",  "200|404",           "200|404",           "200|404",           "200|404",           "200|404",           "404",       "302>/login"),
        R("GET /imports/{id:int} ?handler=FailedRows",       "/imports/{import}?handler=FailedRows", "200|404",        "200|404",           "200|404",           "200|404",           "200|404",           "404",       "302>/login"),
        R("POST /imports/{id:int} ?handler=ImportNow",       "/imports/{import!}?handler=ImportNow", "200|404",        "200|404",           "200|404",           "200|404",           "200|404",           "404",       "302>/login", body: Bodies.EmptyForm), // the probed import is no validation: refused, nothing changes
        R("POST /imports/{id:int} ?handler=Undo",            "/imports/{import!}?handler=Undo",   "200|404",           "200|404",           "200|404",           "302>/imports/1|404","302>/imports/1|404","404",       "302>/login", body: Bodies.EmptyForm, done: "302>/imports/1"),

        R("GET /profiles",                                   "/profiles",                         "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login"),
        R("POST /profiles",                                  "/profiles",                         "302>/",             "302>/",             "302>/",             "302>/profiles",     "302>/profiles",     "302>/",     "302>/login", body: Bodies.NewProfileForm, done: "302>/profiles"),
        R("POST /profiles ?handler=Delete",                  "/profiles?handler=Delete&id={profile!}", "302>/profiles|404", "302>/|404",      "302>/|404",             "302>/profiles|404", "302>/profiles|404", "404",     "302>/login", body: Bodies.EmptyForm, done: "302>/profiles"),
        R("GET /profiles/edit/{id:int}",                     "/profiles/edit/{profile}",          "200|404",           "302>/profiles",     "302>/profiles",     "200|404",           "200|404",           "302>/profiles", "302>/login"),
        R("POST /profiles/edit/{id:int}",                    "/profiles/edit/{profile}",          "302>/profiles|404", "302>/",             "302>/",             "302>/profiles|404", "302>/profiles|404", "302>/",     "302>/login", body: Bodies.ProfileForm, done: "302>/profiles"),
        R("GET /phone-models",                               "/phone-models",                     "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login"),
        R("POST /phone-models",                              "/phone-models",                     "302>/phone-models", "302>/",             "302>/",             "302>/",             "302>/",             "302>/",     "302>/login", body: Bodies.PhoneModelForm, done: "302>/phone-models"),
        R("GET /phone-models/edit/{id:int}",                 "/phone-models/edit/{phoneModel}",   "200|404",           "302>/phone-models", "302>/phone-models", "302>/phone-models", "302>/phone-models", "302>/phone-models", "302>/login"),
        R("POST /phone-models/edit/{id:int}",                "/phone-models/edit/{phoneModel}",   "302>/phone-models|404", "302>/|404",     "302>/|404",         "302>/|404",         "302>/|404",         "404",       "302>/login", body: Bodies.PhoneModelRenameForm, done: "302>/phone-models"),
        R("POST /phone-models/edit/{id:int} ?handler=Delete", "/phone-models/edit/{phoneModel}?handler=Delete", "302>/phone-models/edit/1|404", "302>/|404", "302>/|404", "302>/|404", "302>/|404", "404", "302>/login", body: Bodies.EmptyForm, done: "302>/phone-models"),
        R("GET /templates",                                  "/templates",                        "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login"),
        R("POST /templates",                                 "/templates",                        "302>/templates",    "302>/templates",    "302>/templates",    "302>/templates",    "302>/templates",    "302>/",     "302>/login", body: Bodies.NewTemplateForm, done: "302>/templates"),
        R("POST /templates ?handler=Delete",                 "/templates?handler=Delete&id={template!}", "302>/templates|404", "302>/templates|404|404", "302>/templates|404|404", "302>/templates|404|404", "302>/templates|404|404", "404", "302>/login", body: Bodies.EmptyForm, done: "302>/templates"),
        R("GET /templates/edit/{id:int}",                    "/templates/edit/{template}",        "200|404",           "200|404|404",       "200|404|404",       "200|404|404",       "200|404|404",       "302>/me",   "302>/login"),
        R("POST /templates/edit/{id:int}",                   "/templates/edit/{template}",        "302>/templates|404","302>/templates|404|404", "302>/templates|404|404", "302>/templates|404|404", "302>/templates|404|404", "302>/", "302>/login", body: Bodies.TemplateForm, done: "302>/templates"),
        R("GET /templates/preview/{id:int}",                 "/templates/preview/{template}",     "200|404",           "200|404",           "200|404",           "200|404",           "200|404",           "302>/me",   "302>/login"),
        R("GET /templates/preview/{id:int}",                 "/templates/preview/{sysTemplate}?userId={user}", "200|404", "200|404",         "200|404",           "200|404",           "200|404",           "302>/me",   "302>/login"),

        R("GET /clients",                                    "/clients",                          "200",               "200",               "200",               "302>/",             "302>/",             "302>/",     "302>/login"),
        R("POST /clients ?handler=Client",                   "/clients?handler=Client",           "302>/clients|200",  "302>/clients|404",  "302>/clients|404",      "302>/",             "302>/",             "302>/",     "302>/login", body: Bodies.NewClientForm, done: "302>/clients"),
        R("POST /clients ?handler=Admin",                    "/clients?handler=Admin",            "302>/clients|404",  "302>/clients|404",  "302>/clients|404",  "302>/",             "302>/",             "302>/",     "302>/login", body: Bodies.ClientAdminForm, done: "302>/clients"),
        R("GET /clients/edit/{id:int}",                      "/clients/edit/{client}",            "200|404",           "200|404",           "200|404",           "302>/",             "302>/",             "302>/",     "302>/login"),
        R("POST /clients/edit/{id:int}",                     "/clients/edit/{client}",            "302>/clients|404",  "302>/clients|404",  "302>/clients|404",  "302>/|404",         "302>/|404",         "404",       "302>/login", body: Bodies.ClientForm, done: "302>/clients"),
        R("POST /clients/edit/{id:int} ?handler=Delete",     "/clients/edit/{client}?handler=Delete", "302>/clients/edit/1|404", "302>/clients/edit/1|404", "302>/clients/edit/1|404", "302>/|404", "302>/|404", "404", "302>/login", body: Bodies.EmptyForm, done: "302>/clients"),
        R("GET /accounts",                                   "/accounts",                         "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login"),
        R("POST /accounts ?handler=Create",                  "/accounts?handler=Create",          "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/",     "302>/login", body: Bodies.NewAccountForm, done: "302>/accounts"),
        R("POST /accounts ?handler=Status",                  "/accounts?handler=Status&id={account!}", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "404", "302>/login", body: Bodies.DisableForm, done: "302>/accounts"),
        R("POST /accounts ?handler=Password",                "/accounts?handler=Password&id={account}", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "404", "302>/login", body: Bodies.PasswordForm, done: "302>/accounts"),
        R("POST /accounts ?handler=Delete",                  "/accounts?handler=Delete&id={account!}", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "302>/accounts|404", "404", "302>/login", body: Bodies.EmptyForm, done: "302>/accounts"),
        R("GET /audit",                                      "/audit",                            "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login", ownReadsMoveIt: true),
        R("GET /audit",                                      "/audit?UserId={user}",              "200",               "200",               "200",               "200",               "200",               "302>/me",   "302>/login", ownReadsMoveIt: true),
        R("GET /audit",                                      "/audit?ClientId={client}&From=2000-01-01&To=2000-01-01", "200|404", "200|404", "200|404", "200", "200",               "302>/me",   "302>/login"),

        R("GET /phone-provisioning/{id:int?}",               "/phone-provisioning",               "200",               "200",               "200",               "302>/",             "302>/",             "302>/",     "302>/login"),
        R("GET /phone-provisioning/{id:int?}",               "/phone-provisioning/{reseller}",    "200|404",           "200|404",           "200|404",           "302>/",             "302>/",             "302>/",     "302>/login"),
        R("POST /phone-provisioning/{id:int?} ?handler=Password", "/phone-provisioning/{reseller}?handler=Password", "200|404", "200|404", "200|404",        "302>/",             "302>/",             "302>/",     "302>/login", body: Bodies.EmptyForm, done: "200"),
        R("POST /phone-provisioning/{id:int?} ?handler=Retire", "/phone-provisioning/{reseller}?handler=Retire", "302>/phone-provisioning/1|404", "302>/phone-provisioning/1|404", "302>/phone-provisioning/1|404", "302>/", "302>/", "302>/", "302>/login", body: Bodies.EmptyForm, done: "302>/phone-provisioning/1"),

        R("GET /resellers",                                  "/resellers",                        "200",               "302>/",             "302>/",             "302>/",             "302>/",             "302>/",     "302>/login"),
        R("POST /resellers ?handler=Reseller",               "/resellers?handler=Reseller",       "302>/resellers",    "302>/",             "302>/",             "302>/",             "302>/",             "302>/",     "302>/login", body: Bodies.NewResellerForm, done: "302>/resellers"),
        R("POST /resellers ?handler=Admin",                  "/resellers?handler=Admin",          "302>/resellers|404","302>/",             "302>/",             "302>/",             "302>/",             "302>/",     "302>/login", body: Bodies.ResellerAdminForm, done: "302>/resellers"),
        R("GET /resellers/edit/{id:int}",                    "/resellers/edit/{reseller}",        "200|404",           "302>/",             "302>/",             "302>/",             "302>/",             "302>/",     "302>/login"),
        R("POST /resellers/edit/{id:int}",                   "/resellers/edit/{reseller}",        "302>/resellers|404","302>/|404",         "302>/|404",         "404",               "404",               "404",       "302>/login", body: Bodies.ResellerRenameForm, done: "302>/resellers"),
        R("POST /resellers/edit/{id:int} ?handler=Delete",   "/resellers/edit/{reseller}?handler=Delete", "302>/resellers/edit/1|404", "302>/|404", "302>/|404", "404", "404", "404", "302>/login", body: Bodies.EmptyForm, done: "302>/resellers"),
    ];

    /// <param name="ownReadsMoveIt">The answer changes with the caller's own probes (its exports and its reads of users' secrets are audited), so the
    /// non-interference test, which compares a caller's answers before and after another tenant's day, leaves it out.</param>
    /// <param name="endsSessions">The probe ends the caller's session (sign-out) or all of them (sign out everywhere): the harness signs the role in again after it.</param>
    private static Rule R(string endpoint, string path, string admin, string resA, string resB, string a1, string a2, string pbx, string anon,
        Body? body = null, string? done = null, bool ownReadsMoveIt = false, bool endsSessions = false) =>
        new(endpoint, path, body, [admin, resA, resB, a1, a2, pbx, anon], done, ownReadsMoveIt, endsSessions);
}

/// <summary>
/// Who owns and who sees what: the product's scopes (platform; reseller and its clients; client; PBX
/// user), as <c>Switchboard.Core.Tenancy.Tenant</c> is meant to enforce them.
/// <code>
///            A1    A2    B1    RA    RB    Sys
///   admin    own   own   own   own   own   own
///   resA     sees  sees  -     own   -     sees
///   resB     -     -     sees  -     own   sees
///   A1       own   -     -     sees* -     sees      * reseller A's templates; reseller A itself and its accounts are hidden
///   A2       -     own   -     sees* -     sees
///   pbx, anon: everything hidden (a PBX user reaches only /me and /api/v1/me*)
///   accounts (Kind.Account): the system's (platform administrators) are hidden from all but the platform administrator
/// </code>
/// </summary>
public static class Scope
{
    public static Stand Of(Role role, Owner owner, Kind kind)
    {
        if (owner == Owner.None) return Stand.Own;
        if (owner == Owner.Missing || role is Role.Pbx or Role.Anon) return Stand.Hidden;
        return (role, owner) switch
        {
            (Role.Admin, _) => Stand.Own,
            (Role.ResA, Owner.RA) or (Role.ResB, Owner.RB) => Stand.Own,
            (Role.ResA, Owner.A1 or Owner.A2) or (Role.ResB, Owner.B1) => Stand.Sees,
            (Role.A1, Owner.A1) or (Role.A2, Owner.A2) => Stand.Own,
            (Role.A1 or Role.A2, Owner.RA) => kind is Kind.Reseller or Kind.Account ? Stand.Hidden : Stand.Sees,
            // The platform's own administrator accounts are the platform administrator's alone.
            (_, Owner.Sys) => kind == Kind.Account ? Stand.Hidden : Stand.Sees,
            _ => Stand.Hidden,
        };
    }

    /// <summary>The owners a probe of this kind is sent for (Missing first: the others are compared with it).</summary>
    public static Owner[] OwnersOf(Kind kind) => kind switch
    {
        Kind.None => [Owner.None],
        Kind.User or Kind.Profile or Kind.Import or Kind.Client => [Owner.Missing, Owner.A1, Owner.A2, Owner.B1],
        Kind.Template => [Owner.Missing, Owner.A1, Owner.A2, Owner.B1, Owner.RA, Owner.Sys],
        Kind.Reseller => [Owner.Missing, Owner.RA, Owner.RB],
        Kind.PhoneModel => [Owner.Missing, Owner.Sys],
        Kind.Account => [Owner.Missing, Owner.A1, Owner.A2, Owner.B1, Owner.RA, Owner.RB, Owner.Sys],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>One expected answer: a status, and for a redirect where it leads (digits masked).</summary>
public sealed record Want(int Status, string? Location)
{
    public static Want Parse(string s)
    {
        var parts = s.Split('>', 2);
        return new Want(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1] : null);
    }

    public override string ToString() => Location is null ? $"{Status}" : $"{Status}>{Location}";
}

/// <summary>One row of the table.</summary>
public sealed record Rule(string Endpoint, string Path, Body? Body, string[] Cells, string? Done, bool OwnReadsMoveIt = false, bool EndsSessions = false)
{
    private static readonly System.Text.RegularExpressions.Regex Placeholder =
        new(@"\{(user|profile|template|import|client|reseller|phoneModel|account)(!?)\}", System.Text.RegularExpressions.RegexOptions.Compiled);

    public string Method => Endpoint.Split(' ')[0] is "*" ? "GET" : Endpoint.Split(' ')[0];

    /// <summary>What the probe names: the placeholder in its path, else the owner its body names.</summary>
    public Kind Kind => Placeholder.Match(Path) is { Success: true } m
        ? Enum.Parse<Kind>(m.Groups[1].Value, ignoreCase: true)
        : Body?.Kind ?? Kind.None;

    /// <summary>The thing named is made for this one call (the call may delete it).</summary>
    public bool Fresh => Placeholder.Match(Path) is { Success: true } m && m.Groups[2].Value == "!";

    /// <summary>The probe may write (so it is checked for writing nothing when refused or aimed at a hidden owner).</summary>
    public bool Writes => Method != "GET" || Path.Contains("export", StringComparison.OrdinalIgnoreCase);

    public string PathFor(int id) => Placeholder.Replace(Path, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Want Expected(Role role, Stand stand)
    {
        var cell = Cells[Array.IndexOf(WallTable.Roles, role)].Split('|');
        return Want.Parse(cell.Length switch
        {
            1 => cell[0],
            2 => stand == Stand.Hidden ? cell[1] : cell[0],
            3 => cell[(int)stand],
            _ => throw new FormatException($"{Endpoint} {Path}: cell '{string.Join('|', cell)}'"),
        });
    }

    public override string ToString() => Path == EndpointPath ? Endpoint : $"{Endpoint} as {Path}";

    private string EndpointPath => Endpoint[(Endpoint.IndexOf(' ') + 1)..];
}
