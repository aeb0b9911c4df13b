// SPDX-License-Identifier: Apache-2.0
mod codes_table;
mod decode;
mod goldens;
mod render;
mod validate;
