import GridcaseDomain
import Vapor

/// A page: its template's name and the data it shows. Each page type names its template once, here.
protocol Page: Encodable, Sendable {
    static var template: String { get }
    var title: String { get }
}

/// What every page's frame needs: title, the signed-in user and the navigation for their role.
struct Layout: Encodable, Sendable {
    struct NavigationItem: Encodable, Sendable {
        let label: String
        let href: String
        let isCurrent: Bool
    }

    struct SignedInUser: Encodable, Sendable {
        let name: String
        let organizationName: String
        let roleName: String
        let accountHref: String
    }

    let title: String
    let csrfToken: String
    let user: SignedInUser?
    let navigation: [NavigationItem]
    let logoutAction: String
    let homeHref: String
}

/// A page together with its frame, as templates receive it: `layout.…` and `page.…`.
private struct RenderContext<Content: Page>: Encodable {
    let layout: Layout
    let page: Content
}

extension Request {
    func render<Content: Page>(_ page: Content, status: HTTPStatus = .ok) async throws -> Response {
        let view = try await self.view.render(Content.template, RenderContext(layout: layout(title: page.title), page: page))
        let response = try await view.encodeResponse(for: self)
        response.status = status
        return response
    }

    func layout(title: String) -> Layout {
        let user = auth.get(CurrentUser.self)
        let current = url.path
        return Layout(
            title: title,
            csrfToken: csrfToken,
            user: user.map {
                .init(name: $0.name, organizationName: $0.organizationName, roleName: $0.role.swedishName,
                      accountHref: SitePath.account.relative)
            },
            navigation: user.map { Navigation.items(for: $0.role) }?.map { item in
                .init(label: item.label, href: item.path.relative,
                      isCurrent: current == item.path.relative
                          || (current.hasPrefix(item.path.relative + "/") && current != SitePath.newCase.relative))
            } ?? [],
            logoutAction: SitePath.logout.relative,
            homeHref: SitePath.home.relative
        )
    }
}

/// Which top-level places each role sees in its navigation.
enum Navigation {
    struct Item {
        let label: String
        let path: SitePath
    }

    static func items(for role: Role) -> [Item] {
        switch role {
        case .installer:
            [Item(label: "Mina ärenden", path: .cases), Item(label: "Ny anmälan", path: .newCase)]
        case .installerAdmin:
            [Item(label: "Mina ärenden", path: .cases), Item(label: "Ny anmälan", path: .newCase),
             Item(label: "Administration", path: .admin)]
        case .caseHandler:
            [Item(label: "Inkorg", path: .inbox)]
        case .gridAdmin:
            [Item(label: "Inkorg", path: .inbox), Item(label: "Administration", path: .admin)]
        case .systemAdmin:
            [Item(label: "Organisationer", path: .systemOrganizations), Item(label: "Utkorg", path: .systemOutbox)]
        }
    }

    /// Where a user lands after signing in.
    static func startPage(for role: Role) -> SitePath {
        switch role {
        case .installer, .installerAdmin: .cases
        case .caseHandler, .gridAdmin: .inbox
        case .systemAdmin: .systemOrganizations
        }
    }
}
