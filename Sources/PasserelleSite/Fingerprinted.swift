import PasserelleContent
import PasserelleCore
import PasserelleTheme

/// A view model the build cache can fingerprint: the same fields give the same fingerprint from run to run,
/// so a page whose view model (and templates) did not change is not rendered again.
/// The view models' conformances are generated with their template lookups (scripts/view-model-fields.py).
protocol Fingerprinted {
    func fingerprint(into hasher: inout StableHasher)
}

extension String: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) { hasher.combine(self) }
}

extension Int: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) { hasher.combine(self) }
}

extension Bool: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) { hasher.combine(self ? 1 : 0) }
}

extension Optional: Fingerprinted where Wrapped: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        switch self {
        case .none: hasher.combine(0)
        case let .some(value):
            hasher.combine(1)
            value.fingerprint(into: &hasher)
        }
    }
}

extension Array: Fingerprinted where Element: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(count)
        for element in self { element.fingerprint(into: &hasher) }
    }
}

extension UIStrings: Fingerprinted {
    /// The language only: the strings themselves are part of the theme's fingerprint.
    func fingerprint(into hasher: inout StableHasher) { hasher.combine(language) }
}
