import CAppendixZlib

/// Inflates one raw-deflate stream (a zip entry's data) fed in chunks, computing the size and
/// CRC-32 of what comes out and passing it on chunk by chunk: the one inflation loop, used by
/// Render's package check (``ZipDirectory`` and its part follower) and by ``ZipArchive``.
package final class RawInflater {
    /// The entry's name, for messages.
    package let name: String
    /// Bytes produced so far.
    package private(set) var size = 0
    /// Compressed bytes consumed so far: where the next input chunk starts.
    package var consumed: Int { Int(stream.total_in) }
    /// Whether the stream has ended.
    package private(set) var finished = false
    /// The CRC-32 of the bytes produced so far.
    package var crc: UInt32 { UInt32(truncatingIfNeeded: runningCRC) }

    private var stream = z_stream()
    private var runningCRC: UInt = crc32(0, nil, 0)
    /// 64 KiB: under glibc's mmap threshold (128 KiB), so the buffer comes from the heap and is
    /// reused. With 1 MiB every part and every read mapped and unmapped its buffers: system
    /// calls, fresh pages, and a TLB shootdown across cores per unmap.
    package static let chunk = 1 << 16
    // Uninitialised: zlib writes before anything is read (zeroing it was most of a small
    // build's check).
    private var output = [UInt8](unsafeUninitializedCapacity: RawInflater.chunk) { _, initialized in initialized = RawInflater.chunk }

    package init(name: String) throws(ZipReadFailure) {
        self.name = name
        guard appendix_inflate_init_raw(&stream) == Z_OK else { throw ZipReadFailure(reason: "zlib could not start") }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates what it can of `input` (the compressed bytes from ``consumed`` on), passing each
    /// output chunk to `body`. Input left over when the stream ends is not consumed.
    package func inflate(_ input: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ZipReadFailure) -> Void) throws(ZipReadFailure) {
        // zlib reads next_in without writing it; reading through the array (not a mutable copy)
        // spares a copy of every chunk.
        let result = try input.withUnsafeBufferPointer { input throws(ZipReadFailure) -> Int32 in
            stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
            stream.avail_in = uInt(input.count)
            defer { stream.next_in = nil; stream.avail_in = 0 }
            return try drain(body)
        }
        if result == Z_STREAM_END { finished = true }
    }

    /// Inflates what `stream` holds as input.
    private func drain(_ body: (UnsafeRawBufferPointer) throws(ZipReadFailure) -> Void) throws(ZipReadFailure) -> Int32 {
        var result = Z_OK
        repeat {
            let produced = output.withUnsafeMutableBufferPointer { buffer -> Int in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                result = CAppendixZlib.inflate(&stream, Z_NO_FLUSH)
                return buffer.count - Int(stream.avail_out)
            }
            guard result == Z_OK || result == Z_STREAM_END || (result == Z_BUF_ERROR && produced == 0) else {
                throw ZipReadFailure(reason: "\(name) is damaged in the zip (\(String(cString: zError(result))))")
            }
            var failure: ZipReadFailure?
            output.withUnsafeBytes { bytes in
                let chunk = UnsafeRawBufferPointer(rebasing: bytes.prefix(produced))
                runningCRC = crc32(runningCRC, chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), uInt(chunk.count))
                size += produced
                do throws(ZipReadFailure) { try body(chunk) } catch { failure = error }
            }
            if let failure { throw failure }
        } while result == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        return result
    }
}
