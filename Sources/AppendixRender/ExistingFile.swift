import Foundation

/// What is already at a path, following symbolic links: used to refuse outputs that would
/// replace a device, a folder or one of the build's own inputs.
package struct ExistingFile: Equatable, Sendable {
    package enum Kind: Equatable, Sendable { case regular, folder, device, other }
    package var kind: Kind
    package var device: UInt64
    var inode: UInt64

    /// What `path` is after following links, or nil when nothing is there.
    package init?(at path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .folder
        case S_IFCHR, S_IFBLK: kind = .device
        default: kind = .other
        }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// Whether both are the same file (device and inode).
    package func isSameFile(as other: ExistingFile) -> Bool {
        device == other.device && inode == other.inode
    }

    /// Words for an output that is not a regular file, e.g. "a device".
    package var description: String {
        switch kind {
        case .regular: return "a file"
        case .folder: return "a folder"
        case .device: return "a device"
        case .other: return "a special file (pipe or socket)"
        }
    }
}
