// libvips for Swift: its calls take NULL-terminated option lists, which Swift cannot make, so each one
// Passerelle needs is wrapped here with its options fixed.
#include <string.h>
#include <vips/vips.h>

/// The image formats Passerelle re-encodes, in the order of MediaType's images.
typedef enum {
    PASSERELLE_IMAGE_JPEG = 0,
    PASSERELLE_IMAGE_PNG = 1,
    PASSERELLE_IMAGE_WEBP = 2,
    PASSERELLE_IMAGE_AVIF = 3,
    PASSERELLE_IMAGE_GIF = 4
} passerelle_image_format;

/// Starts libvips once: no operation cache (a file changed between two builds of a running server must be read
/// again), one thread per image (images are processed several at once), and the loaders libvips does not
/// trust with hostile input (SVG, PDF, JPEG 2000, ...) blocked.
static inline void passerelle_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static inline int passerelle_vips_start(void) {
    if (VIPS_INIT("passerelle") != 0) return -1;
    // libvips' warnings (a colour profile ignored, a truncated file read to its end) would mix with the build's
    // messages: an image that cannot be read fails the call and is reported with the file.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO, passerelle_vips_quiet, NULL);
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    vips_block_untrusted_set(TRUE);
    return 0;
}

/// Opens `input` with the loader of `format` only (every frame of an animation): reads its header, not yet its
/// pixels. Returns the image (unref it), or NULL with the reason in libvips' error buffer.
static inline VipsImage *passerelle_vips_open(const char *input, passerelle_image_format format) {
    VipsImage *image = NULL;
    int status = -1;
    switch (format) {
    case PASSERELLE_IMAGE_JPEG: status = vips_jpegload(input, &image, NULL); break;
    case PASSERELLE_IMAGE_PNG: status = vips_pngload(input, &image, NULL); break;
    case PASSERELLE_IMAGE_WEBP: status = vips_webpload(input, &image, "n", -1, NULL); break;
    case PASSERELLE_IMAGE_AVIF: status = vips_heifload(input, &image, NULL); break;
    case PASSERELLE_IMAGE_GIF: status = vips_gifload(input, &image, "n", -1, NULL); break;
    }
    if (status != 0) return NULL;
    return image;
}

/// Whether `input` opens as an image of `format`: 0, or -1 with the reason in libvips' error buffer.
static inline int passerelle_vips_check(const char *input, passerelle_image_format format) {
    VipsImage *image = passerelle_vips_open(input, format);
    if (image == NULL) return -1;
    g_object_unref(image);
    return 0;
}

/// Reads `input` with the loader of `format` only (every frame of an animation), turns it upright by its
/// orientation tag, brings an embedded colour profile to sRGB, and encodes it in the same format with every
/// piece of metadata (EXIF, GPS, XMP, IPTC, comments, profiles, text chunks) left out, into `*output` (`*length`
/// bytes, freed with passerelle_free); a WebP losslessly when `lossless` is not 0. Returns 0, or -1.
static inline int passerelle_vips_strip(const char *input, passerelle_image_format format, int lossless, void **output, size_t *length) {
    VipsImage *image = passerelle_vips_open(input, format);
    if (image == NULL) return -1;
    int status = -1;

    VipsImage *upright = NULL;
    if (vips_autorot(image, &upright, NULL) != 0) { g_object_unref(image); return -1; }
    g_object_unref(image);

    VipsImage *ready = upright;
    if (vips_image_get_typeof(upright, VIPS_META_ICC_NAME)) {
        VipsImage *converted = NULL;
        if (vips_icc_transform(upright, &converted, "srgb", "embedded", TRUE, NULL) == 0) {
            g_object_unref(upright);
            ready = converted;
        } else {
            vips_error_clear();
        }
    }

    // Every metadata field is dropped, not only those the savers' `strip` knows (the WebP saver of libvips 8.14
    // keeps EXIF and XMP): only the ones an animation needs stay.
    static const char *const kept[] = {"page-height", "n-pages", "delay", "loop", "gif-delay", "gif-loop", NULL};
    gchar **fields = vips_image_get_fields(ready);
    for (int index = 0; fields != NULL && fields[index] != NULL; index++) {
        int keep = 0;
        for (int other = 0; kept[other] != NULL; other++) keep |= strcmp(fields[index], kept[other]) == 0;
        if (!keep) vips_image_remove(ready, fields[index]);
    }
    g_strfreev(fields);

    switch (format) {
    case PASSERELLE_IMAGE_JPEG: status = vips_jpegsave_buffer(ready, output, length, "Q", 90, "strip", TRUE, NULL); break;
    case PASSERELLE_IMAGE_PNG: status = vips_pngsave_buffer(ready, output, length, "strip", TRUE, NULL); break;
    case PASSERELLE_IMAGE_WEBP:
        status = vips_webpsave_buffer(ready, output, length, "Q", 90, "lossless", lossless ? TRUE : FALSE, "strip", TRUE, NULL);
        break;
    case PASSERELLE_IMAGE_AVIF:
        status = vips_heifsave_buffer(ready, output, length, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "strip", TRUE, NULL);
        break;
    case PASSERELLE_IMAGE_GIF: status = vips_gifsave_buffer(ready, output, length, "strip", TRUE, NULL); break;
    }
    g_object_unref(ready);
    return status;
}

/// Forgets libvips' messages: Passerelle writes its own.
static inline void passerelle_vips_clear_error(void) { vips_error_clear(); }

static inline void passerelle_free(void *pointer) { g_free(pointer); }
