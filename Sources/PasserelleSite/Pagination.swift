import PasserelleTheme

/// How a listing is cut into pages, and the page list shown under each page.
enum Pagination {
    /// Pages of a listing of `items` items: at least one, so that an empty listing still has its page.
    static func pageCount(items: Int, pageSize: Int) -> Int {
        max(1, (items + pageSize - 1) / max(1, pageSize))
    }

    /// The page numbers to show around `current`, nil standing for a gap: every page when there are at most 7;
    /// else the first, the last and the current with its neighbours (the first or last five near an end), so
    /// that the list keeps the same width on page 1 and on page 4,000. A gap never hides a single page.
    static func pageList(current: Int, count: Int) -> [Int?] {
        guard count > 7 else { return Array(1...count) }
        var shown: Set<Int> = [1, count, current - 1, current, current + 1]
        if current <= 4 { shown.formUnion(1...5) }
        if current >= count - 3 { shown.formUnion((count - 4)...count) }
        var list: [Int?] = []
        for number in shown.filter({ (1...count).contains($0) }).sorted() {
            if let last = list.last ?? nil, number - last == 2 { list.append(last + 1) }
            else if let last = list.last ?? nil, number - last > 2 { list.append(nil) }
            list.append(number)
        }
        return list
    }

    /// The navigation of page `current` of `count` pages of the listing at `listing`; nil when there is one page.
    static func model(current: Int, count: Int, listing: String, routes: Routes, strings: UIStrings) -> PaginationModel? {
        guard count > 1 else { return nil }
        func link(_ number: Int, _ key: String) -> Link? {
            (1...count).contains(number) ? Link(title: strings.text(key), url: routes.listingPage(listing, number), current: false) : nil
        }
        let pages = pageList(current: current, count: count).map { number in
            number.map { PageNumber(number: String($0), url: routes.listingPage(listing, $0),
                                    label: strings.text("pagination_page", ["number": String($0)]), current: $0 == current) }
                ?? PageNumber(number: nil, url: nil, label: nil, current: false)
        }
        return PaginationModel(label: strings.text("pagination_label"), status: status(current: current, count: count, strings: strings),
                               previous: link(current - 1, "pagination_previous"), next: link(current + 1, "pagination_next"), pages: pages)
    }

    static func status(current: Int, count: Int, strings: UIStrings) -> String {
        strings.text("pagination_status", ["number": String(current), "count": String(count)])
    }

    /// Every page after the first of a listing of `items` items: `/talents/page/2/`...
    static func laterPages(of listing: String, items: Int, pageSize: Int, routes: Routes) -> [String] {
        let count = pageCount(items: items, pageSize: pageSize)
        return count < 2 ? [] : (2...count).map { routes.listingPage(listing, $0) }
    }
}
