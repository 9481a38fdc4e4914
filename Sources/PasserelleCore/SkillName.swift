import Foundation

/// Skill names compared the way people mean them: case, accents, spacing and punctuation do not matter
/// ("Node.js" = "nodejs" = "Node JS", "Développement web" = "developpement web"), but `#` and `+` do
/// ("C#" and "C++" are not "C").
public enum SkillName {
    public static func fold(_ name: String) -> String {
        var result = ""
        for scalar in name.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar {
            case "#": result += "sharp"
            case "+": result += "plus"
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result.isEmpty ? name.lowercased() : result
    }
}
