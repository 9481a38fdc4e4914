/// `folder/relative`, with one slash between them whether or not `folder` ends with one.
public func joinPath(_ folder: String, _ relative: String) -> String {
    folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
}
