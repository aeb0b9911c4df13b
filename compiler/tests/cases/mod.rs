// SPDX-License-Identifier: Apache-2.0
mod decode;
mod goldens;
mod render;
mod validate;
