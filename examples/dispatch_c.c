/* examples/dispatch_c.c: squash from C through the dispatch library. */
#include <squash/dispatch.h>
#include <stdio.h>

int main(void)
{
    float z[6] = {-5, -2, 0, 0.5f, 2, 5}, p[6];
    int i, status = squash_sigmoid_f32(z, p, 6); /* p[i] = 1/(1+e^-z[i]) */
    if (status != SQUASH_OK) {
        fprintf(stderr, "squash: %s\n", squash_status_message(status));
        return 1;
    }
    for (i = 0; i < 6; ++i)
        printf("sigmoid(%4.1f) = %.4f\n", z[i], p[i]);
    printf("instruction set: %s\n", squash_dispatch_isa());
    return 0;
}
