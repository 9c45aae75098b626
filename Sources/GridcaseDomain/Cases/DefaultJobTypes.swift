/// The job types (jobbtyper) a grid company starts with, per installation type. Grid companies change
/// theirs as data; this is only the starting point.
public enum DefaultJobTypes {
    public struct JobTypeTemplate: Sendable {
        public let name: String
        public let includesMicroproduction: Bool
    }

    public static func templates(for type: InstallationType) -> [JobTypeTemplate] {
        let oneMeter = JobTypeTemplate(name: "Anläggning med en mätare", includesMicroproduction: false)
        let severalMeters = JobTypeTemplate(name: "Anläggning med flera mätare", includesMicroproduction: false)
        switch type {
        case .newFacility:
            return [oneMeter, severalMeters, .init(name: "Anläggning med mikroproduktion", includesMicroproduction: true)]
        case .capacityIncrease:
            return [oneMeter, severalMeters, .init(name: "Tillkommande mikroproduktion", includesMicroproduction: true)]
        case .temporaryFacility:
            return [.init(name: "Byggström", includesMicroproduction: false),
                    .init(name: "Evenemang och tillfällig uppställning", includesMicroproduction: false)]
        case .serviceConnectionChange, .fuseChange:
            return [oneMeter, severalMeters]
        case .workInExistingFacility:
            return [oneMeter, severalMeters, .init(name: "Installation av mikroproduktion", includesMicroproduction: true)]
        }
    }
}
